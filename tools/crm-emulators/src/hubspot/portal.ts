import { EmulatorClock } from '../common/clock';
import { AuthService, type HubSpotCredentials } from './auth/auth-service';
import { DEFAULT_RATE_LIMITS, RateLimits, type HubSpotRateLimitSettings } from './limits/rate-limits';
import { ObjectRegistry } from './schema/object-registry';
import { ObjectStore } from './store/object-store';

/** Options of the HubSpot emulator. */
export interface HubSpotEmulatorOptions {
  /** Rate limits (defaults: 190 per 10 s, 650,000 per day, 5 searches per second). */
  rateLimits?: Partial<HubSpotRateLimitSettings>;
  /** Replaces some of the generated credentials. */
  credentials?: Partial<HubSpotCredentials>;
  /** Port to listen on (default: any free port). */
  port?: number;
}

/** Everything the emulated portal is made of, shared by the routes and the control interface. */
export class HubSpotPortal {
  readonly clock = new EmulatorClock();
  readonly registry = new ObjectRegistry();
  readonly store = new ObjectStore(this.clock);
  readonly auth: AuthService;
  readonly limits: RateLimits;

  constructor(options: HubSpotEmulatorOptions = {}) {
    this.auth = new AuthService(this.clock, options.credentials);
    this.limits = new RateLimits(this.clock, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  }
}
