/** A real discord.js client logged in to the stand-in, and handler helpers that collect errors. */
import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { FakeDiscord } from './fake-discord/index.js';

export const baseIntents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

export async function loginClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({ intents: baseIntents, rest: { api: fake.apiBaseUrl }, ...extra });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not become ready within 5s')), 5000);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(fake.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }
  return client;
}

/** Registers an interaction handler whose errors are collected instead of becoming unhandled rejections. */
export function onInteraction(client: Client, errors: unknown[], fn: (i: Interaction) => Promise<void>): () => void {
  const listener = (i: Interaction) => {
    fn(i).catch((err: unknown) => errors.push(err));
  };
  client.on(Events.InteractionCreate, listener);
  return () => client.off(Events.InteractionCreate, listener);
}

export function onMessage(client: Client, errors: unknown[], fn: (m: Message) => Promise<void>): () => void {
  const listener = (m: Message) => {
    fn(m).catch((err: unknown) => errors.push(err));
  };
  client.on(Events.MessageCreate, listener);
  return () => client.off(Events.MessageCreate, listener);
}

