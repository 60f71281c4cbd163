/** The public types of the stand-in: its options, and what it records for tests to inspect. */
import type { Json } from './protocol.js';

export type PrivilegedIntentName = 'MessageContent' | 'GuildMembers' | 'GuildPresences';

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  botUserId?: string;
  /** Id of the default human user who sends interactions/messages. */
  userId?: string;
  botUsername?: string;
  guildName?: string;
  channelName?: string;
  /** Extra text channels in the guild. */
  extraChannels?: Array<{ id?: string; name: string }>;
  /** Permissions of the bot's managed role (bigint or decimal string). Default: those of a normal member. */
  botPermissions?: bigint | string;
  /** Privileged intents enabled in the "developer portal". Default: all three. */
  privilegedIntents?: PrivilegedIntentName[];
  /** HELLO heartbeat_interval. Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /** Max time between INTERACTION_CREATE and the callback. Default 3000; null disables the check. */
  interactionDeadlineMs?: number | null;
}

export interface RecordedFile {
  /** multipart field name, e.g. `files[0]` */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  /** 0-based position in `requests`. */
  index: number;
  at: number;
  method: string;
  /** Full path without query, percent-decoded per segment, e.g. `/api/v10/webhooks/APP/TOKEN/messages/@original`. */
  path: string;
  /** Path below `/api/v10`, e.g. `/interactions/ID/TOKEN/callback` (empty for non-API paths). */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Whether a valid `Authorization: Bot <token>` header was sent. */
  authorized: boolean;
  /** Parsed JSON body (or the parsed `payload_json` of a multipart body). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  files: RecordedFile[];
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response: any;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  content_type: string | undefined;
  description: string | undefined;
  url: string;
  bytes: Buffer;
}

export type MessageOrigin =
  | 'interaction-reply' // callback type 4
  | 'interaction-deferred' // callback type 5 (loading message, later edited)
  | 'interaction-followup'
  | 'channel' // POST /channels/:id/messages by the bot
  | 'user'; // sendMessage() by a fake human

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id: string;
  author: Json;
  type: number;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  allowed_mentions: Json | undefined;
  attachments: StoredAttachment[];
  message_reference: Json | undefined;
  /** User ids that the message actually mentions (after allowed_mentions filtering). */
  mentions: string[];
  mention_roles: string[];
  mention_everyone: boolean;
  webhook_id: string | undefined;
  interaction_id: string | undefined;
  timestamp: string;
  edited_timestamp: string | null;
  origin: MessageOrigin;
  deleted: boolean;
  /** Earlier versions, oldest first. */
  history: Array<{ at: number; content: string; embeds: Json[]; components: Json[]; flags: number }>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Json;
  createdAt: number;
  /** Callback type once acknowledged. */
  callbackType: number | undefined;
  callbackAt: number | undefined;
  callbackData: Json | undefined;
  originalMessageId: string | undefined;
  followUpIds: string[];
  /** Choices sent with callback type 8. */
  autocompleteChoices: Json[] | undefined;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: Json;
}

export interface CommandOptionInput {
  name: string;
  value?: string | number | boolean;
  /** Option type; inferred from value when omitted (string 3, integer 4, number 10, boolean 5). */
  type?: number;
  focused?: boolean;
}

export interface InteractionOptions {
  /** Acting user (default: the fake's default user). */
  userId?: string;
  /** Member permissions in the channel (bigint or decimal string). Default: DEFAULT_MEMBER_PERMISSIONS. */
  memberPermissions?: bigint | string;
  roles?: string[];
  channelId?: string;
  locale?: string;
}

export interface SendMessageOptions {
  /** Extra user ids to mark as mentioned (in addition to `<@id>` in the content). */
  mentions?: string[];
  /** Extra role ids to mark as mentioned (in addition to `<@&id>` in the content). */
  mentionRoles?: string[];
  /** Author is a bot account (a different one from ours). */
  authorBot?: boolean;
  authorId?: string;
  channelId?: string;
  /** Message id this message replies to. */
  replyTo?: string;
}

export type RequestMatcher = string | RegExp | ((r: { method: string; path: string; route: string }) => boolean);

export interface RateLimitOptions {
  retryAfterSeconds: number;
  global?: boolean;
  /** How many matching requests get a 429 (default 1). */
  count?: number;
  scope?: 'user' | 'shared' | 'global';
}

export interface FailureOptions {
  status: number;
  code?: number;
  message?: string;
  count?: number;
}
