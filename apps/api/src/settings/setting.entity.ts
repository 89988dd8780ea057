import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One admin-editable setting group (e.g. `automation`, `webhooks`), stored as JSON. */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: Record<string, unknown>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
