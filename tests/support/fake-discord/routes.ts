/**
 * The REST routes the bot uses: gateway discovery, command registration (bulk overwrite), channel
 * messages (replies to mentions), interaction callbacks (within the deadline, once: 40060) and the
 * interaction webhook (follow-ups, and GET/PATCH/DELETE of `@original`, only once acknowledged: 10015).
 */
import { createMessage, editMessage, apiMessage } from './messages.js';
import type { Gateway } from './gateway.js';
import { ALLOWED_CALLBACKS, ApiError, CallbackType, MessageFlag, formError, unknown, type Json } from './protocol.js';
import type { Rest, RouteContext, RouteResult } from './rest.js';
import type { DiscordState } from './state.js';
import type { FakeDiscordOptions, InteractionRecord, StoredMessage } from './types.js';
import { validateChoices, validateCommand } from './validation.js';

export function registerRoutes(rest: Rest, state: DiscordState, gateway: Gateway, opts: FakeDiscordOptions): void {
  rest.on('GET', '/gateway', () => ({ body: { url: gateway.url } }), false);
  rest.on('GET', '/gateway/bot', () => ({
    body: { url: gateway.url, shards: 1, session_start_limit: { total: 1000, remaining: 1000 - gateway.identifyCount, reset_after: 86_400_000, max_concurrency: 1 } },
  }));

  // --- commands (GET and bulk overwrite, global or in the guild)
  for (const base of ['/applications/:appId/commands', '/applications/:appId/guilds/:guildId/commands']) {
    const key = (p: Record<string, string>): string => {
      if (p.appId !== state.applicationId || (p.guildId !== undefined && p.guildId !== state.guildId)) throw new ApiError(403, 50001, 'Missing Access');
      return p.guildId ?? 'global';
    };
    rest.on('GET', base, ({ params }) => ({ body: state.commands.get(key(params)) ?? [] }));
    rest.on('PUT', base, ({ params, body }) => {
      const k = key(params);
      if (!Array.isArray(body)) throw formError('_root', 'BASE_TYPE_ARRAY', 'Must be an array.');
      const seen = new Set<string>();
      const out = (body as Json[]).map((c, i) => {
        validateCommand(c, String(i));
        const name = `${c.type ?? 1}:${c.name}`;
        if (seen.has(name)) throw formError(String(i), 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
        seen.add(name);
        return state.materializeCommand(c, params.guildId);
      });
      state.commands.set(k, out);
      return { body: out };
    });
  }

  // --- channel messages
  rest.on('GET', '/channels/:channelId', ({ params }) => ({ body: channel(state, params.channelId) }));
  rest.on('POST', '/channels/:channelId/messages', ({ params, body, files }) => {
    const c = channel(state, params.channelId);
    const data = body ?? {};
    let referenced: StoredMessage | undefined;
    if (data.message_reference?.message_id) {
      referenced = state.getMessage(String(data.message_reference.message_id));
      if ((!referenced || referenced.deleted) && data.message_reference.fail_if_not_exists !== false) {
        throw formError('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
      }
    }
    if ((Number(data.flags ?? 0) & MessageFlag.Ephemeral) !== 0) throw formError('flags', 'MESSAGE_FLAGS_INVALID', 'Ephemeral flag is only valid for interaction responses');
    const msg = createMessage(state, { channelId: c.id as string, data, files, origin: 'channel', referenced: referenced && !referenced.deleted ? referenced : undefined });
    return { body: apiMessage(state, msg, true), after: () => gateway.echo('MESSAGE_CREATE', msg) };
  });

  // --- interactions (no bot token: the interaction token authenticates)
  rest.on('POST', '/interactions/:id/:token/callback', (ctx) => callback(state, gateway, opts, ctx), false);
  rest.on('POST', '/webhooks/:appId/:token', (ctx) => followUp(state, gateway, ctx), false);
  for (const method of ['GET', 'PATCH', 'DELETE']) {
    rest.on(method, '/webhooks/:appId/:token/messages/:messageId', (ctx) => webhookMessage(state, gateway, ctx), false);
  }
}

function channel(state: DiscordState, id: string | undefined): Json {
  const c = state.channels.get(id ?? '');
  if (!c) throw unknown.channel();
  return c;
}

function channelOf(ix: InteractionRecord): string {
  return (ix.payload.channel?.id ?? ix.payload.channel_id) as string;
}

function callback(state: DiscordState, gateway: Gateway, opts: FakeDiscordOptions, { params, body, files, query }: RouteContext): RouteResult {
  const ix = state.interactions.get(params.id ?? '');
  if (!ix || ix.token !== params.token) throw unknown.interaction();
  if (ix.callbackType !== undefined) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
  const deadline = opts.interactionDeadlineMs === undefined ? 3000 : opts.interactionDeadlineMs;
  if (deadline !== null && Date.now() - ix.createdAt > deadline) throw unknown.interaction();
  const type = Number(body?.type);
  const data = (body?.data ?? {}) as Json;
  if (!(ALLOWED_CALLBACKS[ix.type] ?? []).includes(type)) {
    throw formError('type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(body?.type)} is not valid for interaction type ${ix.type}`);
  }
  let message: StoredMessage | undefined;
  let after: (() => void) | undefined;
  if (type === CallbackType.ChannelMessageWithSource) {
    message = createMessage(state, { channelId: channelOf(ix), data, files, origin: 'interaction-reply', interaction: ix });
  } else if (type === CallbackType.DeferredChannelMessageWithSource) {
    const flags = MessageFlag.Loading | (Number(data.flags ?? 0) & MessageFlag.Ephemeral);
    message = createMessage(state, { channelId: channelOf(ix), data: { flags }, files: [], origin: 'interaction-deferred', interaction: ix, allowEmpty: true });
  } else if (type === CallbackType.DeferredUpdateMessage) {
    ix.originalMessageId = ix.payload.message?.id as string | undefined;
  } else if (type === CallbackType.UpdateMessage) {
    const target = state.getMessage(String(ix.payload.message?.id ?? ''));
    if (!target || target.deleted) throw unknown.message();
    editMessage(state, target, data, files);
    message = target;
    after = () => gateway.echo('MESSAGE_UPDATE', target);
  } else if (type === CallbackType.ApplicationCommandAutocompleteResult) {
    validateChoices(data.choices);
    ix.autocompleteChoices = data.choices as Json[];
  }
  if (message) ix.originalMessageId = message.id;
  if (message && type !== CallbackType.UpdateMessage) {
    const created = message;
    after = () => gateway.echo('MESSAGE_CREATE', created);
  }
  ix.callbackType = type;
  ix.callbackAt = Date.now();
  ix.callbackData = data;
  if (query.with_response !== 'true') return { status: 204, after };
  const interaction: Json = { id: ix.id, type: ix.type };
  if (message) {
    interaction.response_message_id = message.id;
    interaction.response_message_loading = (message.flags & MessageFlag.Loading) !== 0;
    interaction.response_message_ephemeral = (message.flags & MessageFlag.Ephemeral) !== 0;
  }
  const resource = [4, 5, 7].includes(type) && message ? { type, message: apiMessage(state, message) } : undefined;
  return { status: 200, body: resource ? { interaction, resource } : { interaction }, after };
}

function acknowledged(state: DiscordState, appId: string | undefined, token: string | undefined): InteractionRecord {
  const id = state.tokenToInteraction.get(token ?? '');
  const ix = id ? state.interactions.get(id) : undefined;
  if (appId !== state.applicationId || !ix || ix.callbackType === undefined) throw unknown.webhook();
  return ix;
}

function followUp(state: DiscordState, gateway: Gateway, { params, body, files, query }: RouteContext): RouteResult {
  const ix = acknowledged(state, params.appId, params.token);
  const msg = createMessage(state, { channelId: channelOf(ix), data: body ?? {}, files, origin: 'interaction-followup', interaction: ix });
  ix.followUpIds.push(msg.id);
  const after = () => gateway.echo('MESSAGE_CREATE', msg);
  return query.wait === 'true' ? { body: apiMessage(state, msg), after } : { status: 204, after };
}

function webhookMessage(state: DiscordState, gateway: Gateway, { params, body, files, method }: RouteContext): RouteResult {
  const ix = acknowledged(state, params.appId, params.token);
  const id = params.messageId === '@original' ? ix.originalMessageId : params.messageId;
  const m = id && [ix.originalMessageId, ...ix.followUpIds].includes(id) ? state.getMessage(id) : undefined;
  if (!m || m.deleted) throw unknown.message();
  if (method === 'GET') return { body: apiMessage(state, m) };
  if (method === 'DELETE') {
    m.deleted = true;
    return { status: 204, after: () => gateway.echoDelete(m) };
  }
  editMessage(state, m, body ?? {}, files);
  // Discord sends MESSAGE_CREATE for the deferred "thinking" message and MESSAGE_UPDATE for the edit.
  return { body: apiMessage(state, m), after: () => gateway.echo('MESSAGE_UPDATE', m) };
}
