using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace TaskManager.Floor;

/// <summary>
/// A task row written straight from the reader into a <see cref="Utf8JsonWriter"/>: no DTO, no serializer, no string
/// per value. The shape is the contract's (docs/contract.md "JSON shape"), in the service's field order.
/// </summary>
public static class TaskJson
{
    /// <summary>The service's dialect (relaxed escaping, as WireJson); validation off: the code below writes well-formed JSON.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Write(Utf8JsonWriter json, NpgsqlDataReader row)
    {
        json.WriteStartObject();
        json.WriteString("id", row.GetGuid(TaskColumns.Id));
        json.WriteString("title", row.GetString(TaskColumns.Title));
        WriteNullable(json, "description", row, TaskColumns.Description);
        json.WriteString("status", row.GetString(TaskColumns.Status));
        json.WriteString("priority", row.GetString(TaskColumns.Priority));
        json.WriteString("complexity", row.GetString(TaskColumns.Complexity));
        if (row.GetBoolean(TaskColumns.NoAssignee))
        {
            json.WriteNull("assignee");
        }
        else
        {
            json.WriteStartObject("assignee");
            json.WriteString("id", row.GetGuid(TaskColumns.AssigneeId));
            json.WriteString("email", row.GetString(TaskColumns.AssigneeEmail));
            WriteNullable(json, "name", row, TaskColumns.AssigneeName);
            json.WriteEndObject();
        }
        WriteNullable(json, "repository", row, TaskColumns.Repository);
        json.WriteString("created_by", row.GetString(TaskColumns.CreatedBy));
        json.WriteString("updated_by", row.GetString(TaskColumns.UpdatedBy));
        WriteTimestamp(json, "created_at", row.GetFieldValue<DateTime>(TaskColumns.CreatedAt));
        WriteTimestamp(json, "updated_at", row.GetFieldValue<DateTime>(TaskColumns.UpdatedAt));
        json.WriteNumber("version", row.GetInt32(TaskColumns.Version));
        WriteNullable(json, "lease_holder", row, TaskColumns.LeaseHolder);
        if (row.IsDBNull(TaskColumns.LeaseExpiresAt))
            json.WriteNull("lease_expires_at");
        else
            WriteTimestamp(json, "lease_expires_at", row.GetFieldValue<DateTime>(TaskColumns.LeaseExpiresAt));
        json.WriteEndObject();
    }

    /// <summary>
    /// The contract's timestamp, <c>2026-11-30T03:40:12.123456Z</c>: the round-trip format (no pattern to interpret), its
    /// seventh fractional digit overwritten by the <c>Z</c>, as the service's UtcTimestampConverter does.
    /// </summary>
    public static void WriteTimestamp(Utf8JsonWriter json, string name, DateTime utc)
    {
        Span<byte> text = stackalloc byte[28];
        utc.TryFormat(text, out _, "O", CultureInfo.InvariantCulture);
        text[26] = (byte)'Z';
        json.WriteString(name, text[..27]);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, NpgsqlDataReader row, int ordinal)
    {
        if (row.IsDBNull(ordinal))
            json.WriteNull(name);
        else
            json.WriteString(name, row.GetString(ordinal));
    }
}
