import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, DiscordAPIError, EmbedBuilder, MessageFlags, RESTEvents, type Client, type Message } from 'discord.js';
import { loginClient, onInteraction, onMessage } from './discord-client.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord/index.js';

describe('fake-discord with a real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;
  const errors: unknown[] = [];
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await loginClient(fake);
  });

  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.();
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('logs in through /gateway/bot, IDENTIFY -> READY -> GUILD_CREATE', () => {
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    const channel = guild?.channels.cache.get(fake.channelId);
    expect(channel?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(channel && guild?.members.me?.permissionsIn(channel).has('SendMessages')).toBe(true);
    expect(fake.identifyCount).toBe(1);
    const gw = fake.requests.find((r) => r.route === '/gateway/bot');
    expect(gw?.authorized).toBe(true);
    expect(gw?.status).toBe(200);
    // no compression requested (zlib-sync is not installed), json encoding, v10
    const identify = fake.gatewayReceived.find((p) => p.op === 2)?.d as { compress: boolean; intents: number };
    expect(identify.compress).toBe(false);
    expect(identify.intents).toBe(client.options.intents.bitfield);
  });

  it('slash command -> interaction.reply with an embed', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (!i.isChatInputCommand() || i.commandName !== 'ping') return;
        expect(i.guildId).toBe(fake.guildId);
        expect(i.memberPermissions?.has('SendMessages')).toBe(true);
        expect(i.appPermissions.has('EmbedLinks')).toBe(true);
        await i.reply({ embeds: [new EmbedBuilder().setTitle('Pong').setDescription(`hi ${i.user.username}`).setColor(0x00ff00)] });
      }),
    );
    const ix = await fake.slashCommand('ping', []);
    const req = await fake.waitForCallback(ix.id);
    expect(req.status).toBe(204);
    expect(req.authorized).toBe(false); // callbacks are sent without the bot token
    expect(req.body.type).toBe(4);
    expect(req.body.data.embeds[0]).toMatchObject({ title: 'Pong', description: 'hi tester', color: 0x00ff00 });
    const msg = fake.originalMessage(ix.id);
    expect(msg?.origin).toBe('interaction-reply');
    expect(msg?.embeds[0]?.title).toBe('Pong');
    expect(msg?.author.id).toBe(fake.botUserId);
  });

  it('deferReply + editReply with an attachment (multipart)', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (!i.isChatInputCommand() || i.commandName !== 'ask') return;
        const q = i.options.getString('question', true);
        await i.deferReply();
        await sleep(30);
        await i.editReply({
          content: `answer to ${q}`,
          files: [{ attachment: Buffer.from('col1,col2\n1,2\n'), name: 'data.csv', description: 'the data' }],
        });
        const fetched = await i.fetchReply();
        expect(fetched.content).toBe(`answer to ${q}`);
      }),
    );
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: 'why?' }]);
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(ix.token) && r.route.endsWith('/messages/@original'));
    expect(edit.status).toBe(200);
    expect(edit.body.content).toBe('answer to why?');
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]?.field).toBe('files[0]');
    expect(edit.files[0]?.name).toBe('data.csv');
    expect(edit.files[0]?.bytes.toString()).toBe('col1,col2\n1,2\n');
    expect(edit.body.attachments).toEqual([{ id: '0', description: 'the data' }]);
    const msg = await fake.waitForMessage((m) => m.interaction_id === ix.id && m.content !== '');
    expect(msg.origin).toBe('interaction-deferred');
    expect(msg.flags & MessageFlags.Loading).toBe(0);
    expect(msg.attachments[0]).toMatchObject({ filename: 'data.csv', description: 'the data', size: 14 });
    expect(msg.history).toHaveLength(1); // the "thinking..." version
    await fake.waitForRequest((r) => r.method === 'GET' && r.route.includes(ix.token));
    // attachment URLs are served by the fake
    const res = await fetch(msg.attachments[0]!.url);
    expect(await res.text()).toBe('col1,col2\n1,2\n');
  });

  it('autocomplete -> interaction.respond', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (!i.isAutocomplete()) return;
        const focused = i.options.getFocused(true);
        await i.respond([
          { name: `${focused.name}: ${focused.value}-1`, value: `${focused.value}-1` },
          { name: `${focused.name}: ${focused.value}-2`, value: `${focused.value}-2` },
        ]);
      }),
    );
    const ix = await fake.autocomplete('region', [{ name: 'country', value: 'Ger', focused: true }]);
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body.type).toBe(8);
    expect(cb.body.data.choices).toEqual([
      { name: 'country: Ger-1', value: 'Ger-1' },
      { name: 'country: Ger-2', value: 'Ger-2' },
    ]);
    expect(fake.getInteraction(ix.id)?.autocompleteChoices).toHaveLength(2);
  });

  it('message mentioning the bot -> message.reply with allowedMentions { parse: [] }', async () => {
    const seen: Message[] = [];
    cleanups.push(
      onMessage(client, errors, async (m) => {
        seen.push(m);
        if (m.author.bot || !client.user || !m.mentions.has(client.user)) return;
        await m.reply({ content: `hello <@${m.author.id}>, you said: ${m.content}`, allowedMentions: { parse: [] } });
      }),
    );
    const sent = await fake.sendMessage(`${fake.mention()} what is new?`);
    const req = await fake.waitForRequest((r) => r.method === 'POST' && r.route === `/channels/${fake.channelId}/messages`);
    expect(req.authorized).toBe(true);
    expect(req.status).toBe(200);
    expect(req.body.message_reference).toMatchObject({ message_id: sent.id, fail_if_not_exists: true });
    expect(req.body.allowed_mentions).toEqual({ parse: [] });
    const reply = await fake.waitForMessage((m) => m.message_reference?.message_id === sent.id);
    expect(reply.content).toBe(`hello <@${fake.userId}>, you said: <@${fake.botUserId}> what is new?`);
    expect(reply.mentions).toEqual([]); // nobody pinged: parse [] and replied_user not set
    expect(reply.type).toBe(19);
    // the bot's own reply is echoed on the gateway like Discord does
    await fake.waitUntil(() => seen.some((m) => m.id === reply.id), 3000, 'echo of the reply');
    expect(seen.find((m) => m.id === sent.id)?.content).toContain('what is new?');
  });

  it('button on a reply -> interaction.update edits the message (callback 7)', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (i.isChatInputCommand() && i.commandName === 'menu') {
          const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
          );
          await i.reply({ content: 'pick', components: [row] });
        } else if (i.isButton() && i.customId === 'more') {
          await i.update({ content: 'more stuff', components: [] });
          await i.followUp({ content: 'only for you', flags: MessageFlags.Ephemeral });
        }
      }),
    );
    const cmd = await fake.slashCommand('menu');
    const menuMsg = await fake.waitForMessage((m) => m.interaction_id === cmd.id);
    expect(menuMsg.components[0]?.components[0]).toMatchObject({ custom_id: 'more', type: 2 });
    const click = await fake.button('more', { messageId: menuMsg.id });
    const cb = await fake.waitForCallback(click.id);
    expect(cb.body.type).toBe(7);
    const follow = await fake.waitForMessage((m) => m.interaction_id === click.id && m.origin === 'interaction-followup');
    expect(follow.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(fake.getMessage(menuMsg.id)).toMatchObject({ content: 'more stuff', components: [] });
  });

  it('gateway close 4000 (and an abrupt drop): the client RESUMEs, missed dispatches are replayed', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (i.isChatInputCommand() && i.commandName === 'ping') await i.reply('pong');
      }),
    );
    const identifies = fake.identifyCount;
    const t0 = Date.now();
    fake.disconnectGateway(4000);
    // sent while the client is disconnected -> buffered and replayed on RESUME
    const ix = await fake.slashCommand('ping');
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body).toMatchObject({ type: 4, data: { content: 'pong' } });
    expect(fake.resumeCount).toBe(1);
    const resumeMs = Date.now() - t0;

    fake.disconnectGateway('abrupt');
    await fake.waitUntil(() => fake.resumeCount === 2 && fake.gatewayConnected, 5000, 'second resume');
    const ix2 = await fake.slashCommand('ping');
    await fake.waitForCallback(ix2.id);
    expect(fake.identifyCount).toBe(identifies);
    expect(resumeMs).toBeLessThan(3000);
  });

  it('op 7 RECONNECT and a resumable op 9 INVALID_SESSION also end in a RESUME', async () => {
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (i.isChatInputCommand() && i.commandName === 'ping') await i.reply('pong');
      }),
    );
    const resumes = fake.resumeCount;
    fake.requestReconnect();
    await fake.waitUntil(() => fake.resumeCount === resumes + 1 && fake.gatewayConnected, 5000, 'resume after op 7');
    fake.invalidateSession(true);
    await fake.waitUntil(() => fake.resumeCount === resumes + 2 && fake.gatewayConnected, 5000, 'resume after op 9');
    const ix = await fake.slashCommand('ping');
    await fake.waitForCallback(ix.id);
  });

  it('a 429 on the interaction callback is waited out and retried by @discordjs/rest', async () => {
    // Unexpected 429s are only reported through the REST debug event (RateLimited is emitted for
    // pre-emptive waits of the sequential handler, not for the burst handler used by callbacks).
    const debug: string[] = [];
    const onDebug = (d: string) => debug.push(d);
    client.rest.on(RESTEvents.Debug, onDebug);
    cleanups.push(() => client.rest.off(RESTEvents.Debug, onDebug));
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (i.isChatInputCommand() && i.commandName === 'slow') await i.reply('finally');
      }),
    );
    fake.rateLimitNext('/callback', { retryAfterSeconds: 0.4 });
    const ix = await fake.slashCommand('slow');
    const ok = await fake.waitForCallback(ix.id);
    const attempts = fake.requests.filter((r) => r.route.startsWith(`/interactions/${ix.id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    const first = attempts[0] as RecordedRequest;
    expect(first.response).toEqual({ message: 'You are being rate limited.', retry_after: 0.4, global: false });
    expect(ok.at - first.at).toBeGreaterThanOrEqual(400);
    expect(ok.body.data.content).toBe('finally');
    expect(debug.some((d) => d.includes('Encountered unexpected 429 rate limit') && d.includes('Retry After    : 450ms'))).toBe(true);
  });

  it('a global 429 on channel messages is retried too', async () => {
    cleanups.push(
      onMessage(client, errors, async (m) => {
        if (m.author.bot || m.content !== '!hello' || !m.channel.isSendable()) return;
        await m.channel.send('hello back');
      }),
    );
    fake.rateLimitNext('POST /channels/', { retryAfterSeconds: 0.3, global: true });
    const from = fake.requests.length;
    await fake.sendMessage('!hello');
    const ok = await fake.waitForRequest((r) => r.method === 'POST' && r.route.endsWith('/messages') && r.status === 200, 5000, from);
    const limited = fake.requests.filter((r) => r.index >= from && r.status === 429);
    expect(limited).toHaveLength(1);
    expect(ok.at - (limited[0] as RecordedRequest).at).toBeGreaterThanOrEqual(300);
  });

  it('Discord-side errors surface as DiscordAPIError (double ack, too long, unknown route)', async () => {
    const caught: unknown[] = [];
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (!i.isChatInputCommand() || i.commandName !== 'bad') return;
        await i.reply('one');
        // bypass discord.js' own replied-check to hit the API a second time
        await client.rest
          .post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'two' } }, auth: false })
          .catch((e: unknown) => caught.push(e));
        await i.followUp({ content: 'x'.repeat(2001) }).catch((e: unknown) => caught.push(e));
        await i.followUp({}).catch((e: unknown) => caught.push(e));
      }),
    );
    const ix = await fake.slashCommand('bad');
    await fake.waitUntil(() => caught.length === 3, 5000, 'three errors');
    const [dup, long, empty] = caught as DiscordAPIError[];
    expect(dup).toBeInstanceOf(DiscordAPIError);
    expect(dup?.code).toBe(40060);
    expect(long?.code).toBe(50035);
    expect(long?.message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    expect(empty?.code).toBe(50006);
    expect(fake.getInteraction(ix.id)?.followUpIds).toHaveLength(0);

    const err = await client.rest.get('/nope/123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).status).toBe(404);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', route: '/nope/123', status: 404 });
  });

  it('command registration returns ids that later interactions carry', async () => {
    const cmds = await client.application!.commands.set(
      [{ name: 'ask', description: 'Ask a question', options: [{ type: 3, name: 'question', description: 'q', required: true }] }],
      fake.guildId,
    );
    const registered = cmds.first();
    expect(registered?.id).toMatch(/^\d{17,19}$/);
    let seenId: string | undefined;
    cleanups.push(
      onInteraction(client, errors, async (i) => {
        if (!i.isChatInputCommand() || i.commandName !== 'ask') return;
        seenId = i.commandId;
        await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
      }),
    );
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: 'q' }]);
    await fake.waitForCallback(ix.id);
    expect(seenId).toBe(registered?.id);
    expect(fake.originalMessage(ix.id)?.flags).toBe(MessageFlags.Ephemeral);

    const bad = await client.application!.commands.set([{ name: 'Bad Name', description: 'x' }]).catch((e: unknown) => e);
    expect((bad as DiscordAPIError).code).toBe(50035);
  });
});
