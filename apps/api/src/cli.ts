import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadAppConfig } from './config/app-config';
import { buildDataSourceOptions } from './database/data-source-options';
import { pendingSchemaChanges, runMigrationsExclusively } from './database/migration-runner';
import { seedDatabase } from './seed/seed';

const COMMANDS = ['migrate', 'migrate:revert', 'migrate:check', 'seed', 'setup'] as const;
type Command = (typeof COMMANDS)[number];

const print = (line: string): boolean => process.stdout.write(`${line}\n`);

/** Operations tasks: `node cli.js migrate|migrate:revert|migrate:check|seed|setup`. */
async function main(command: Command): Promise<number> {
  const config = loadAppConfig(process.env);
  const dataSource = await new DataSource(buildDataSourceOptions(config.database)).initialize();
  try {
    switch (command) {
      case 'migrate':
      case 'setup': {
        const applied = await runMigrationsExclusively(dataSource);
        print(
          applied.length
            ? `Applied migrations: ${applied.join(', ')}`
            : 'Database schema is up to date',
        );
        if (command === 'migrate') return 0;
        const seeded = await seedDatabase(dataSource, config.admin);
        print(
          `Seed: admin ${seeded.adminCreated ? 'created' : 'already present'} (${config.admin.email}); ` +
            `plans created: ${seeded.plansCreated.length ? seeded.plansCreated.join(', ') : 'none (already present)'}`,
        );
        return 0;
      }
      case 'migrate:revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        print('Reverted the last migration');
        return 0;
      case 'migrate:check': {
        const pending = await dataSource.showMigrations();
        const drift = await pendingSchemaChanges(dataSource);
        if (pending) print('There are migrations not yet applied');
        for (const query of drift) print(`Entities differ from the schema: ${query}`);
        return pending || drift.length > 0 ? 1 : 0;
      }
      case 'seed': {
        const seeded = await seedDatabase(dataSource, config.admin);
        print(
          `Seed: admin ${seeded.adminCreated ? 'created' : 'already present'}; plans created: ${seeded.plansCreated.length}`,
        );
        return 0;
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

const command = process.argv[2] as Command;
if (!COMMANDS.includes(command)) {
  process.stderr.write(`Usage: cli.js <${COMMANDS.join('|')}>\n`);
  process.exit(2);
}
main(command).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigValidationError ? error.message : `${command} failed: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  },
);
