/** Request validation with Discord's limits (50035 Invalid Form Body, 50006 empty message). */
import { MessageFlag, formError, strLen, type Json } from './protocol.js';
import type { StoredMessage } from './types.js';

export function normalizeEmbed(e: Json): Json {
  const out: Json = { type: 'rich', ...e };
  if (Array.isArray(out.fields)) out.fields = (out.fields as Json[]).map((f) => ({ inline: false, ...f }));
  return out;
}

export function isEmptyMessage(m: StoredMessage): boolean {
  return m.content.trim() === '' && m.embeds.length === 0 && m.attachments.length === 0 && m.components.length === 0;
}

export function validateMessageData(data: Json): void {
  if (data.content !== undefined && data.content !== null) {
    if (typeof data.content !== 'string') throw formError('content', 'BASE_TYPE_STRING', 'Must be a string.');
    if (strLen(data.content) > 2000) throw formError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const flags = Number(data.flags ?? 0);
  if (data.embeds !== undefined && data.embeds !== null) {
    if (!Array.isArray(data.embeds)) throw formError('embeds', 'BASE_TYPE_ARRAY', 'Must be an array.');
    if (data.embeds.length > 10) throw formError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    if (flags & MessageFlag.IsComponentsV2 && data.embeds.length > 0) {
      throw formError('embeds', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'embeds\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
    }
    let total = 0;
    (data.embeds as Json[]).forEach((e, i) => {
      const p = `embeds.${i}`;
      const check = (v: unknown, max: number, path: string) => {
        if (v === undefined || v === null) return;
        if (typeof v !== 'string') throw formError(`${p}.${path}`, 'BASE_TYPE_STRING', 'Must be a string.');
        if (strLen(v) > max) throw formError(`${p}.${path}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
        total += strLen(v);
      };
      check(e.title, 256, 'title');
      check(e.description, 4096, 'description');
      check(e.footer?.text, 2048, 'footer.text');
      check(e.author?.name, 256, 'author.name');
      if (e.color !== undefined && e.color !== null && (!Number.isInteger(e.color) || e.color < 0 || e.color > 0xffffff)) {
        throw formError(`${p}.color`, 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
      if (e.fields !== undefined) {
        if (!Array.isArray(e.fields)) throw formError(`${p}.fields`, 'BASE_TYPE_ARRAY', 'Must be an array.');
        if (e.fields.length > 25) throw formError(`${p}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        (e.fields as Json[]).forEach((f, j) => {
          for (const k of ['name', 'value'] as const) {
            if (typeof f[k] !== 'string' || f[k].length === 0) {
              throw formError(`${p}.fields.${j}.${k}`, 'BASE_TYPE_REQUIRED', 'This field is required');
            }
          }
          check(f.name, 256, `fields.${j}.name`);
          check(f.value, 1024, `fields.${j}.value`);
        });
      }
    });
    if (total > 6000) throw formError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  if (Array.isArray(data.components) && !(flags & MessageFlag.IsComponentsV2) && data.components.length > 5) {
    throw formError('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  }
  const am = data.allowed_mentions as Json | undefined | null;
  if (am) {
    const parse: unknown[] = Array.isArray(am.parse) ? am.parse : [];
    for (const v of parse) {
      if (!['users', 'roles', 'everyone'].includes(String(v))) {
        throw formError('allowed_mentions.parse', 'BASE_TYPE_CHOICES', `Value must be one of {'users', 'roles', 'everyone'}.`);
      }
    }
    if (parse.includes('users') && Array.isArray(am.users) && am.users.length > 0) {
      throw formError('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids...] are mutually exclusive.');
    }
    if (parse.includes('roles') && Array.isArray(am.roles) && am.roles.length > 0) {
      throw formError('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids...] are mutually exclusive.');
    }
    if ((Array.isArray(am.users) && am.users.length > 100) || (Array.isArray(am.roles) && am.roles.length > 100)) {
      throw formError('allowed_mentions', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
  }
}

export function validateChoices(choices: unknown): void {
  if (!Array.isArray(choices)) throw formError('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (choices.length > 25) throw formError('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  (choices as Json[]).forEach((c, i) => {
    const n = strLen(c.name);
    if (n < 1 || n > 100) throw formError(`data.choices.${i}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (typeof c.value === 'string' && strLen(c.value) > 100) {
      throw formError(`data.choices.${i}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
    if (c.value === undefined || c.value === null) throw formError(`data.choices.${i}.value`, 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function validateCommand(c: Json, path: string): void {
  const type = (c.type as number | undefined) ?? 1;
  const at = (p: string) => (path === '_root' ? p : `${path}.${p}`);
  if (typeof c.name !== 'string') throw formError(at('name'), 'BASE_TYPE_REQUIRED', 'This field is required');
  if (type === 1) {
    if (!COMMAND_NAME.test(c.name) || c.name !== c.name.toLowerCase()) {
      throw formError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const d = strLen(c.description);
    if (d < 1 || d > 100) throw formError(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  } else if (strLen(c.name) < 1 || strLen(c.name) > 32) {
    throw formError(at('name'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  }
  const validateOptions = (opts: unknown, p: string) => {
    if (opts === undefined || opts === null) return;
    if (!Array.isArray(opts)) throw formError(p, 'BASE_TYPE_ARRAY', 'Must be an array.');
    if (opts.length > 25) throw formError(p, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    let optionalSeen = false;
    const names = new Set<string>();
    (opts as Json[]).forEach((o, i) => {
      const op = `${p}.${i}`;
      if (typeof o.name !== 'string' || !COMMAND_NAME.test(o.name) || o.name !== o.name.toLowerCase()) {
        throw formError(`${op}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      }
      if (names.has(o.name)) throw formError(`${op}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(o.name);
      const d = strLen(o.description);
      if (d < 1 || d > 100) throw formError(`${op}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP) {
        validateOptions(o.options, `${op}.options`);
        return;
      }
      if (o.required === true && optionalSeen) {
        throw formError(`${op}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (o.required !== true) optionalSeen = true;
      if (Array.isArray(o.choices)) {
        if (o.choices.length > 25) throw formError(`${op}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        if (o.autocomplete === true && o.choices.length > 0) {
          throw formError(`${op}.autocomplete`, 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
        }
      }
    });
  };
  validateOptions(c.options, at('options'));
}
