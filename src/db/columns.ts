import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/** DECIMAL in the database, a number rounded to `scale` decimals in code (drivers hand DECIMAL back as strings). */
function decimalTransformer(scale: number): ValueTransformer {
  return {
    to: (value: number | null | undefined) => (value === null || value === undefined ? value : value.toFixed(scale)),
    from: (value: string | number | null) => (value === null || value === undefined ? null : Number(Number(value).toFixed(scale))),
  };
}

/** An amount in 万元: DECIMAL(16,2). */
export function AmountColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'decimal', precision: 16, scale: 2, nullable: true, transformer: decimalTransformer(2), ...options });
}

/** A measured value (targets: percentages, kilometres, counts): DECIMAL(20,4). */
export function MeasureColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'decimal', precision: 20, scale: 4, nullable: true, transformer: decimalTransformer(4), ...options });
}

const dateTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | Date | null) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  },
};

/** A calendar date, ISO 'YYYY-MM-DD' in code. */
export function DateColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'date', nullable: true, transformer: dateTransformer, ...options });
}

/** A short enum-like code stored as text, so new values need no ALTER TABLE. */
export function CodeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 24, ...options });
}

/** JSON stored as text on every driver. */
export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'simple-json', nullable: true, ...options });
}
