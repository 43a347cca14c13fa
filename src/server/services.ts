import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/tokens';
import { AppConfig } from '../config/config';
import { ProjectQueryService } from '../domain/project/project-query.service';
import { LiveService } from '../live/live.service';
import { MetricsService } from '../metrics/metrics.service';
import type { Telemetry } from './telemetry';

/** Long-lived singletons shared by every request. */
export interface Services {
  config: AppConfig;
  dataSource: DataSource;
  tokens: TokenService;
  auth: AuthService;
  metrics: MetricsService;
  projectQuery: ProjectQueryService;
  /** Subscriptions: wakes subscribers after a commit (in every process), the shared change feed and metrics. */
  live: LiveService;
  /** Prometheus metrics (/metrics) and the access log (src/server/telemetry.ts). */
  telemetry: Telemetry;
}
