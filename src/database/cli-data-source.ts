import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';

/** For the TypeORM CLI (`npm run migration:run`, `migration:revert`): the environment's database. */
export default new DataSource(dataSourceOptions(loadConfig().database));
