import type { AccountStrategy, RoutingSettingsInput } from '../config/config-file-schema.js';

export interface ProviderRoutingSettings {
  accountStrategy: AccountStrategy;
  stickyLimit: number;
}

/** Routing settings with every default filled in. */
export interface RoutingSettings {
  accountStrategy: AccountStrategy;
  stickyLimit: number;
  providers: Record<string, Partial<ProviderRoutingSettings>>;
  sessionAffinity: boolean;
  affinityTtlMs: number;
  fallback: string[];
  maxAttempts: number;
  cooldown: { baseMs: number; maxMs: number };
}

export const ROUTING_DEFAULTS: RoutingSettings = {
  accountStrategy: 'fill-first',
  stickyLimit: 3,
  providers: {},
  sessionAffinity: true,
  // Provider prompt caches live about 5 minutes to an hour; a conversation idle longer has lost it anyway.
  affinityTtlMs: 60 * 60 * 1000,
  fallback: [],
  maxAttempts: 10,
  cooldown: { baseMs: 1_000, maxMs: 5 * 60 * 1000 },
};

/** Same precedence as the other settings: config file > stored through the admin API > defaults. */
export function resolveRoutingSettings(file: RoutingSettingsInput | undefined, stored: RoutingSettingsInput | undefined): RoutingSettings {
  const f = file ?? {};
  const s = stored ?? {};
  return {
    accountStrategy: f.accountStrategy ?? s.accountStrategy ?? ROUTING_DEFAULTS.accountStrategy,
    stickyLimit: f.stickyLimit ?? s.stickyLimit ?? ROUTING_DEFAULTS.stickyLimit,
    providers: { ...s.providers, ...f.providers },
    sessionAffinity: f.sessionAffinity ?? s.sessionAffinity ?? ROUTING_DEFAULTS.sessionAffinity,
    affinityTtlMs: f.affinityTtlMs ?? s.affinityTtlMs ?? ROUTING_DEFAULTS.affinityTtlMs,
    fallback: f.fallback ?? s.fallback ?? ROUTING_DEFAULTS.fallback,
    maxAttempts: f.maxAttempts ?? s.maxAttempts ?? ROUTING_DEFAULTS.maxAttempts,
    cooldown: {
      baseMs: f.cooldown?.baseMs ?? s.cooldown?.baseMs ?? ROUTING_DEFAULTS.cooldown.baseMs,
      maxMs: f.cooldown?.maxMs ?? s.cooldown?.maxMs ?? ROUTING_DEFAULTS.cooldown.maxMs,
    },
  };
}

export function providerRoutingSettings(settings: RoutingSettings, providerId: string): ProviderRoutingSettings {
  const own = settings.providers[providerId];
  return { accountStrategy: own?.accountStrategy ?? settings.accountStrategy, stickyLimit: own?.stickyLimit ?? settings.stickyLimit };
}
