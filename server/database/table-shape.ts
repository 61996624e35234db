import type { DataSource } from "typeorm";

/**
 * The orders table as this database really has it: a legacy table may differ from the one our
 * migration creates (VARCHAR or NVARCHAR, datetime or datetime2, nullable columns), and the
 * SQL must bind and compare with the real types to stay exact and to seek on the indexes.
 */
export interface TableShape {
  /** The column's type as the database names it, lower-case; the fallback when unknown. */
  typeOf(column: string, fallback: string): string;
  /** The declared length of a text column (VARCHAR(50): 50), when it has one. */
  lengthOf(column: string): number | undefined;
  isNullable(column: string): boolean;
}

interface ColumnShape {
  type: string;
  nullable: boolean;
  length?: number;
}

export function tableShapeOf(columns: Record<string, ColumnShape>): TableShape {
  return {
    typeOf: (column, fallback) => columns[column]?.type ?? fallback,
    lengthOf: (column) => columns[column]?.length,
    isNullable: (column) => columns[column]?.nullable ?? true,
  };
}

export async function readTableShape(dataSource: DataSource, table: string): Promise<TableShape> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    const found = await queryRunner.getTable(table);
    if (!found) throw new Error(`The ${table} table does not exist: migrations should have created it.`);
    const columns: Record<string, ColumnShape> = {};
    for (const column of found.columns) {
      const length = Number(column.length);
      columns[column.name] = {
        type: column.type.toLowerCase(),
        nullable: column.isNullable,
        ...(Number.isInteger(length) && length > 0 ? { length } : {}),
      };
    }
    return tableShapeOf(columns);
  } finally {
    await queryRunner.release();
  }
}
