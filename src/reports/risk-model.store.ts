import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { loadRiskConfig, priorModel, type RiskModel } from '../reporting/risk-model.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { riskDir } from './carc-categories.provider.js';
import { ReportsRepository, type StoredRiskModel } from './reports.repository.js';

/**
 * The denial-risk model in use: the last fitted one (risk_model, active), or the priors of
 * rules/risk/model.yaml until one has been fitted.
 */
@Injectable()
export class RiskModelStore implements OnModuleInit {
  private current: RiskModel;
  private stored: StoredRiskModel | null = null;
  readonly config;

  constructor(
    private readonly repo: ReportsRepository,
    @Inject(RULES_RUNTIME) runtime: RulesRuntime,
  ) {
    this.config = loadRiskConfig(riskDir(runtime));
    this.current = priorModel(this.config);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    this.stored = await this.repo.activeRiskModel();
    this.current = this.stored ? (this.stored.model as RiskModel) : priorModel(this.config);
  }

  get model(): RiskModel {
    return this.current;
  }

  /** The stored model row (with its calibration), or null while the priors are in use. */
  get active(): StoredRiskModel | null {
    return this.stored;
  }

  async activate(m: StoredRiskModel): Promise<void> {
    await this.repo.saveRiskModel(m);
    this.stored = m;
    this.current = m.model as RiskModel;
  }
}
