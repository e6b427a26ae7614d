import type { PromptGuardSettings } from './prompt-guard.js';
import { envFlag } from '../config/env-flag.js';

export interface IpLists {
  allow: string[];
  block: string[];
}

/** `settings.access` after defaults and the environment are applied. */
export interface AccessOptions {
  /** Every client needs a key, loopback included (REQUIRE_API_KEY / settings.access.requireApiKey). */
  requireApiKey: boolean;
  ip: { v1: IpLists; api: IpLists };
  trustedProxies: string[];
  /** Providers hidden from /v1/models. */
  modelsBlockedProviders: string[];
  /** /v1/models needs a key even from loopback. */
  protectModels: boolean;
  /** Private ranges custom providers may use without `local: true`. */
  allowPrivateUpstreams: string[];
  promptGuard: PromptGuardSettings | undefined;
}

export interface AccessSettingsInput {
  requireApiKey?: boolean | undefined;
  ip?: { v1?: Partial<IpLists> | undefined; api?: Partial<IpLists> | undefined } | undefined;
  trustedProxies?: string[] | undefined;
  modelsBlockedProviders?: string[] | undefined;
  protectModels?: boolean | undefined;
  allowPrivateUpstreams?: string[] | undefined;
  promptGuard?: PromptGuardSettings | undefined;
}


/** `TRUSTED_PROXIES=10.0.0.0/8,::1`: a comma-separated list; empty or unset = not given. */
function envList(value: string | undefined): string[] | undefined {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length > 0 ? entries : undefined;
}

function lists(input: Partial<IpLists> | undefined): IpLists {
  return { allow: input?.allow ?? [], block: input?.block ?? [] };
}

/** Environment over the config file over settings stored through the admin API. */
export function resolveAccessOptions(env: NodeJS.ProcessEnv, file: AccessSettingsInput | undefined, stored: AccessSettingsInput | undefined): AccessOptions {
  const f = file ?? {};
  const s = stored ?? {};
  return {
    requireApiKey: envFlag(env.REQUIRE_API_KEY) ?? f.requireApiKey ?? s.requireApiKey ?? false,
    ip: { v1: lists(f.ip?.v1 ?? s.ip?.v1), api: lists(f.ip?.api ?? s.ip?.api) },
    trustedProxies: envList(env.TRUSTED_PROXIES) ?? f.trustedProxies ?? s.trustedProxies ?? [],
    modelsBlockedProviders: f.modelsBlockedProviders ?? s.modelsBlockedProviders ?? [],
    protectModels: f.protectModels ?? s.protectModels ?? false,
    allowPrivateUpstreams: f.allowPrivateUpstreams ?? s.allowPrivateUpstreams ?? [],
    promptGuard: f.promptGuard ?? s.promptGuard,
  };
}
