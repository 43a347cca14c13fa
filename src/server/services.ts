import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/tokens';
import { AppConfig } from '../config/config';
import { ProjectQueryService } from '../domain/project/project-query.service';
import { CommitNotifier } from '../live/notifier';
import { MetricsService } from '../metrics/metrics.service';

/** Long-lived singletons shared by every request. */
export interface Services {
  config: AppConfig;
  dataSource: DataSource;
  tokens: TokenService;
  auth: AuthService;
  metrics: MetricsService;
  projectQuery: ProjectQueryService;
  /** Wakes subscribers after a commit. */
  live: CommitNotifier;
}
