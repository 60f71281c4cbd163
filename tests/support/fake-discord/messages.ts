/**
 * Messages: creating and editing them (validated like Discord), their attachments (multipart
 * uploads), who they actually mention after `allowed_mentions`, and their API representation.
 */
import { ApiError, InteractionType, MAX_ATTACHMENT_BYTES, MessageFlag, formError, nowIso, snowflake, type Json } from './protocol.js';
import type { DiscordState } from './state.js';
import type { InteractionRecord, MessageOrigin, RecordedFile, StoredAttachment, StoredMessage } from './types.js';
import { isEmptyMessage, normalizeEmbed, validateMessageData } from './validation.js';

export function parseMentions(content: string): { users: string[]; roles: string[]; everyone: boolean } {
  const users = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((x) => x[1] as string);
  const roles = [...content.matchAll(/<@&(\d{17,20})>/g)].map((x) => x[1] as string);
  return { users: [...new Set(users)], roles: [...new Set(roles)], everyone: /@(everyone|here)\b/.test(content) };
}

export function reference(to: StoredMessage): Json {
  return { type: 0, message_id: to.id, channel_id: to.channel_id, guild_id: to.guild_id };
}

/** Stores a message; throws ApiError like Discord for an invalid or empty one. */
export function createMessage(
  state: DiscordState,
  args: { channelId: string; data: Json; files: RecordedFile[]; origin: MessageOrigin; interaction?: InteractionRecord; referenced?: StoredMessage; allowEmpty?: boolean },
): StoredMessage {
  const { data, interaction, referenced } = args;
  validateMessageData(data);
  const slashReply = interaction?.type === InteractionType.ApplicationCommand && args.origin !== 'interaction-followup';
  const msg: StoredMessage = {
    id: snowflake(),
    channel_id: args.channelId,
    guild_id: state.guildId,
    author: state.botUser,
    type: referenced ? 19 : slashReply ? 20 : 0,
    content: typeof data.content === 'string' ? data.content : '',
    embeds: Array.isArray(data.embeds) ? (data.embeds as Json[]).map(normalizeEmbed) : [],
    components: Array.isArray(data.components) ? (data.components as Json[]) : [],
    flags: Number(data.flags ?? 0),
    allowed_mentions: data.allowed_mentions as Json | undefined,
    attachments: buildAttachments(state, args.channelId, data, args.files, []),
    message_reference: referenced ? reference(referenced) : undefined,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    webhook_id: interaction ? state.applicationId : undefined,
    interaction_id: interaction?.id,
    timestamp: nowIso(),
    edited_timestamp: null,
    origin: args.origin,
    deleted: false,
    history: [],
  };
  if (!args.allowEmpty && isEmptyMessage(msg)) throw new ApiError(400, 50006, 'Cannot send an empty message');
  computeMentions(msg, referenced);
  state.messages.push(msg);
  return msg;
}

/** Applies an edit (PATCH) to a stored message, keeping the previous version in `history`. */
export function editMessage(state: DiscordState, m: StoredMessage, data: Json, files: RecordedFile[]): void {
  validateMessageData(data);
  const next: StoredMessage = { ...m };
  if ('content' in data) next.content = typeof data.content === 'string' ? data.content : '';
  if ('embeds' in data) next.embeds = Array.isArray(data.embeds) ? (data.embeds as Json[]).map(normalizeEmbed) : [];
  if ('components' in data) next.components = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if ('allowed_mentions' in data) next.allowed_mentions = data.allowed_mentions as Json | undefined;
  if (data.flags !== null && data.flags !== undefined) next.flags = (m.flags & MessageFlag.Ephemeral) | Number(data.flags);
  next.flags &= ~MessageFlag.Loading; // an edit ends the "thinking…" state
  next.attachments = buildAttachments(state, m.channel_id, data, files, m.attachments);
  if (isEmptyMessage(next)) throw new ApiError(400, 50006, 'Cannot send an empty message');
  m.history.push({ at: Date.now(), content: m.content, embeds: m.embeds, components: m.components, flags: m.flags });
  Object.assign(m, next, { edited_timestamp: nowIso() });
  computeMentions(m, m.message_reference ? state.getMessage(m.message_reference.message_id as string) : undefined);
}

/** Attachments after a create/edit: `attachments` entries refer to new uploads by index (files[n]) or keep existing ones by id. */
function buildAttachments(state: DiscordState, channelId: string, data: Json, files: RecordedFile[], existing: StoredAttachment[]): StoredAttachment[] {
  const byIndex = new Map<string, RecordedFile>();
  files.forEach((f, i) => {
    const m = /^files\[(\d+)\]$/.exec(f.field) ?? /^file(\d*)$/.exec(f.field);
    byIndex.set(m?.[1] || String(i), f);
  });
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_ATTACHMENT_BYTES) throw new ApiError(413, 40005, 'Request entity too large');
  if (files.length > 10) throw formError('files', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const make = (f: RecordedFile, meta: Json | undefined): StoredAttachment => {
    const id = snowflake();
    const filename = String(meta?.filename ?? f.name);
    const url = `${state.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: f.bytes.length, content_type: f.contentType || undefined, description: meta?.description as string | undefined, url, bytes: f.bytes };
  };
  if (!Array.isArray(data.attachments)) return [...existing, ...[...byIndex.values()].map((f) => make(f, undefined))];
  const out: StoredAttachment[] = [];
  const used = new Set<string>();
  for (const a of data.attachments as Json[]) {
    const key = String(a.id);
    const upload = byIndex.get(key);
    if (upload) {
      out.push(make(upload, a));
      used.add(key);
      continue;
    }
    const keep = existing.find((e) => e.id === key);
    if (!keep) throw formError(`attachments.${key}`, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
    out.push({ ...keep, description: (a.description as string | undefined) ?? keep.description });
  }
  for (const [key, f] of byIndex) if (!used.has(key)) out.push(make(f, undefined));
  return out;
}

/** Who the message pings: the mentions in its content that `allowed_mentions` lets through, and the replied-to author. */
function computeMentions(m: StoredMessage, referenced: StoredMessage | undefined): void {
  const parsed = parseMentions(m.content);
  const am = m.allowed_mentions;
  let users = parsed.users;
  let roles = parsed.roles;
  let everyone = parsed.everyone;
  let repliedUser = true;
  if (am) {
    const parse: string[] = Array.isArray(am.parse) ? (am.parse as string[]) : [];
    const allowUsers = Array.isArray(am.users) ? (am.users as string[]) : [];
    const allowRoles = Array.isArray(am.roles) ? (am.roles as string[]) : [];
    users = parse.includes('users') ? parsed.users : parsed.users.filter((u) => allowUsers.includes(u));
    roles = parse.includes('roles') ? parsed.roles : parsed.roles.filter((r) => allowRoles.includes(r));
    everyone = parse.includes('everyone') && parsed.everyone;
    repliedUser = am.replied_user === true;
  }
  const refAuthor = referenced?.author.id as string | undefined;
  if (refAuthor && repliedUser && !users.includes(refAuthor)) users = [...users, refAuthor];
  m.mentions = users;
  m.mention_roles = roles;
  m.mention_everyone = everyone;
}

/** The API representation of a stored message. `withGuild` adds guild_id (gateway events). */
export function apiMessage(state: DiscordState, m: StoredMessage, withGuild = false): Json {
  const ix = m.interaction_id ? state.interactions.get(m.interaction_id) : undefined;
  const out: Json = {
    id: m.id,
    type: m.type,
    content: m.content,
    channel_id: m.channel_id,
    author: m.author,
    attachments: m.attachments.map(({ bytes: _b, ...a }) => ({ ...a, proxy_url: a.url })),
    embeds: m.embeds,
    mentions: m.mentions.map((id) => state.users.get(id) ?? { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null }),
    mention_roles: m.mention_roles,
    mention_everyone: m.mention_everyone,
    pinned: false,
    tts: false,
    timestamp: m.timestamp,
    edited_timestamp: m.edited_timestamp,
    flags: m.flags,
    components: m.components,
  };
  if (withGuild) out.guild_id = m.guild_id;
  if (m.webhook_id) {
    out.webhook_id = m.webhook_id;
    out.application_id = state.applicationId;
  }
  if (ix) {
    out.interaction_metadata = {
      id: ix.id,
      type: ix.type,
      user: ix.payload.member?.user,
      authorizing_integration_owners: ix.payload.authorizing_integration_owners ?? {},
      ...(ix.type === InteractionType.ApplicationCommand ? { name: ix.payload.data?.name, command_type: 1 } : {}),
      ...(m.origin === 'interaction-followup' && ix.originalMessageId ? { original_response_message_id: ix.originalMessageId } : {}),
    };
  }
  if (m.message_reference) {
    out.message_reference = m.message_reference;
    const ref = state.getMessage(m.message_reference.message_id as string);
    out.referenced_message = ref && !ref.deleted ? apiMessage(state, ref) : null;
  }
  return out;
}
