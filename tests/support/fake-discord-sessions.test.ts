import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, Events, GatewayIntentBits } from 'discord.js';
import { baseIntents, loginClient } from './discord-client.js';
import { DEFAULT_MEMBER_PERMISSIONS, Permission, startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';

describe('fake-discord: sessions, intents, limits', () => {
  const fakes: FakeDiscord[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });
  const start = async (...args: Parameters<typeof startFakeDiscord>) => {
    const f = await startFakeDiscord(...args);
    fakes.push(f);
    return f;
  };

  it('close code 1000 invalidates the session: the client re-IDENTIFYs and still answers', async () => {
    const fake = await start();
    // @discordjs/ws waits 5 s between identifies of the same shard; skip that in tests.
    const client = await loginClient(fake, { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } });
    clients.push(client);
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) void i.reply('still here').catch(() => undefined);
    });
    fake.disconnectGateway(1000);
    await fake.waitUntil(() => fake.identifyCount === 2 && fake.gatewayConnected, 5000, 're-identify');
    const ix = await fake.slashCommand('ping');
    await fake.waitForCallback(ix.id);
    expect(fake.resumeCount).toBe(0);
  });

  it('without the MessageContent intent, content is empty unless the bot is mentioned', async () => {
    const fake = await start();
    const client = await loginClient(fake, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    clients.push(client);
    const contents: string[] = [];
    client.on(Events.MessageCreate, (m) => {
      if (!m.author.bot) contents.push(m.content);
    });
    await fake.sendMessage('plain text');
    await fake.sendMessage(`${fake.mention()} mentioned`);
    await fake.waitUntil(() => contents.length === 2, 3000, 'two messages');
    expect(contents).toEqual(['', `<@${fake.botUserId}> mentioned`]);
  });

  it('member permissions and admin-only checks', async () => {
    const fake = await start();
    const client = await loginClient(fake);
    clients.push(client);
    const seen: Array<boolean | undefined> = [];
    client.on(Events.InteractionCreate, (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push(i.memberPermissions?.has('Administrator'));
      void i.reply('ok').catch(() => undefined);
    });
    await fake.slashCommand('admin', [], { memberPermissions: Permission.Administrator | DEFAULT_MEMBER_PERMISSIONS });
    await fake.slashCommand('admin');
    await fake.waitUntil(() => seen.length === 2, 3000, 'two interactions');
    expect(seen).toEqual([true, false]);
  });

  it('a wrong token is rejected like Discord does (401 -> TokenInvalid)', async () => {
    const fake = await start();
    const client = new Client({ intents: baseIntents, rest: { api: fake.apiBaseUrl } });
    clients.push(client);
    await expect(client.login('bad.token.value')).rejects.toThrow(/invalid token/i);
    expect(fake.requests[0]).toMatchObject({ route: '/gateway/bot', status: 401, authorized: false });
  });

  it('disallowed privileged intents close the gateway with 4014', async () => {
    const fake = await start({ privilegedIntents: [] });
    const client = new Client({ intents: baseIntents, rest: { api: fake.apiBaseUrl } });
    clients.push(client);
    await expect(client.login(fake.token)).rejects.toThrow(/disallowed intents/i);
  });

  it('an interaction answered after the 3 s window (here 200 ms) gets 10062 Unknown interaction', async () => {
    const fake = await start({ interactionDeadlineMs: 200 });
    const client = await loginClient(fake);
    clients.push(client);
    const caught: unknown[] = [];
    client.on(Events.InteractionCreate, (i) => {
      if (!i.isChatInputCommand()) return;
      void sleep(300)
        .then(() => i.reply('too late'))
        .catch((e: unknown) => caught.push(e));
    });
    await fake.slashCommand('slow');
    await fake.waitUntil(() => caught.length === 1, 3000, 'late reply error');
    expect((caught[0] as DiscordAPIError).code).toBe(10062);
  });

});
