using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// One change written as one SQL statement: the changed row's <c>UPDATE</c>, guarded by its concurrency token, is a
/// CTE, and the added rows are inserted only if it matched. PostgreSQL runs a statement as its own transaction, so the
/// change is one round trip and one commit, with no <c>BEGIN</c> or <c>COMMIT</c>; and a guard that matched nothing
/// (someone changed the row first) leaves nothing written, which a batch of separate statements could not promise.
/// </summary>
/// <remarks>
/// Column names, value conversions and parameter types all come from the EF Core model, so the statement writes the
/// values <c>SaveChanges</c> would. Unlike SaveChanges it reads nothing back: a column left to the database (the
/// outbox's sequence, an identity) keeps its default in memory, so it suits rows whose generated values nobody reads
/// after the save. Rows of one table are inserted by one <c>INSERT</c>, numbered in the order the change tracker lists
/// them, because sibling CTEs run in no promised order; SaveChanges orders them by key. Foreign keys are checked at the
/// end of the statement, so a row may refer to one inserted beside it.
/// </remarks>
internal static class SingleStatementChange
{
    /// <summary>The VALUES list's extra column holding each row's place; no mapped column starts with an underscore.</summary>
    private const string Ordinal = "_ordinal";

    /// <summary>The statement for <paramref name="changes"/> (tracked entries not Unchanged), or null when there is nothing to write.</summary>
    /// <returns>The command; its scalar is how many guarded rows were updated (0 or 1), or 1 when nothing was guarded.</returns>
    public static NpgsqlCommand? Build(IReadOnlyList<EntityEntry> changes, ISqlGenerationHelper names)
    {
        if (changes.FirstOrDefault(e => e.State is not (EntityState.Added or EntityState.Modified)) is { } refused)
            throw new InvalidOperationException($"One statement only adds rows and changes one, but a {refused.Metadata.ClrType.Name} is {refused.State}; use SaveChangesAsync.");
        var modified = changes.Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count > 1)
            throw new InvalidOperationException($"One statement changes at most one row, but {modified.Count} are modified; use SaveChangesAsync.");
        if (changes.Count == 0)
            return null;

        var command = new NpgsqlCommand();
        var sql = new StringBuilder("WITH ");
        var guarded = modified.Count == 1;
        if (guarded)
            AppendGuardedUpdate(sql, command, modified[0], names);
        var tables = changes.Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata).ToList();
        for (var i = 0; i < tables.Count; i++)
        {
            if (guarded || i > 0)
                sql.Append(", ");
            AppendInsert(sql, command, $"added{i}", [.. tables[i]], guarded, names);
        }
        sql.Append(guarded ? " SELECT count(*) FROM changed" : " SELECT 1");
        command.CommandText = sql.ToString();
        return command;
    }

    private static void AppendGuardedUpdate(StringBuilder sql, NpgsqlCommand command, EntityEntry entry, ISqlGenerationHelper names)
    {
        var type = entry.Metadata;
        var token = type.GetProperties().SingleOrDefault(p => p.IsConcurrencyToken)
            ?? throw new InvalidOperationException($"A {type.ClrType.Name} has no concurrency token to guard its change with; use SaveChangesAsync.");
        var set = entry.Properties.Where(p => p.IsModified && p.Metadata.GetAfterSaveBehavior() == PropertySaveBehavior.Save).ToList();
        if (set.Count == 0)
            throw new InvalidOperationException($"The modified {type.ClrType.Name} has no changed column to write; use SaveChangesAsync.");
        sql.Append("changed AS (UPDATE ").Append(Table(type, names)).Append(" SET ");
        sql.AppendJoin(", ", set.Select(p => $"{Column(p.Metadata, names)} = {Parameter(command, p.Metadata, p.CurrentValue)}"));
        sql.Append(" WHERE ");
        var conditions = type.FindPrimaryKey()!.Properties.Append(token)
            .Select(p => $"{Column(p, names)} = {Parameter(command, p, entry.Property(p.Name).OriginalValue)}");
        sql.AppendJoin(" AND ", conditions).Append(" RETURNING 1)");
    }

    private static void AppendInsert(StringBuilder sql, NpgsqlCommand command, string name, IReadOnlyList<EntityEntry> rows, bool guarded,
        ISqlGenerationHelper names)
    {
        var type = rows[0].Metadata;
        var columns = type.GetProperties().Where(p => p.GetBeforeSaveBehavior() == PropertySaveBehavior.Save).ToList();
        // A store-generated column (the outbox's identity) is left to the database when no row carries a value for it.
        columns.RemoveAll(p => p.ValueGenerated != ValueGenerated.Never && LeftToTheDatabase(p, rows));
        var list = string.Join(", ", columns.Select(p => Column(p, names)));
        sql.Append(name).Append(" AS (INSERT INTO ").Append(Table(type, names)).Append(" (").Append(list).Append(") SELECT ").Append(list)
            .Append(" FROM (VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            sql.Append(i == 0 ? "(" : ", (");
            sql.AppendJoin(", ", columns.Select(p => Parameter(command, p, row.Property(p.Name).CurrentValue)));
            sql.Append(", ").Append(i).Append(')');
        }
        sql.Append(") AS v (").Append(list).Append(", ").Append(Ordinal).Append(')');
        if (guarded)
            sql.Append(" WHERE EXISTS (SELECT FROM changed)");
        sql.Append(" ORDER BY ").Append(Ordinal).Append(')');
    }

    /// <summary>Whether no row sets <paramref name="property"/>; one statement cannot leave it to the database for some rows only.</summary>
    private static bool LeftToTheDatabase(IProperty property, IReadOnlyList<EntityEntry> rows)
    {
        var unset = rows.Count(r => Equals(r.Property(property.Name).CurrentValue, property.Sentinel));
        if (unset != 0 && unset != rows.Count)
            throw new InvalidOperationException($"Some added {property.DeclaringType.ClrType.Name} rows set {property.Name} and some leave it to the database; use SaveChangesAsync.");
        return unset == rows.Count;
    }

    /// <summary>Adds the value as the next positional parameter, converted and typed as the model maps the property.</summary>
    private static string Parameter(NpgsqlCommand command, IProperty property, object? value)
    {
        var parameter = property.GetRelationalTypeMapping().CreateParameter(command, "", value, property.IsNullable);
        command.Parameters.Add(parameter);
        return $"${command.Parameters.Count}";
    }

    private static string Table(IEntityType type, ISqlGenerationHelper names) => names.DelimitIdentifier(type.GetTableName()!, type.GetSchema());

    private static string Column(IProperty property, ISqlGenerationHelper names) => names.DelimitIdentifier(property.GetColumnName());
}
