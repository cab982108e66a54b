using System.Globalization;
using Azure;

namespace Billing.Storage.Tables;

/// <summary>
/// One table row: PartitionKey, RowKey, the service's ETag and Timestamp, and a bag of typed properties.
/// Property values are <see cref="string"/>, <see cref="long"/> (Edm.Int64, sent as a string),
/// <see cref="int"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (stored in UTC),
/// <see cref="Guid"/> or <see cref="byte"/>[]. A <see cref="decimal"/> is stored as its invariant-culture string,
/// because the service has no decimal type and a double would lose cents; read it back with <see cref="GetDecimal"/>.
/// Setting a property to null removes it. Not thread-safe; the clients copy entities on the way in and out.
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object> properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The version the service returned with this entity; default when the entity was built locally.</summary>
    public ETag ETag { get; set; }

    /// <summary>The service's last-modified time; null when the entity was built locally.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The typed properties, keyed by name (ordinal); excludes PartitionKey, RowKey, Timestamp and ETag.</summary>
    public IReadOnlyDictionary<string, object> Properties => properties;

    public object? this[string name]
    {
        get => properties.GetValueOrDefault(name);
        set
        {
            ValidateName(name);
            if (value is null)
            {
                properties.Remove(name);
            }
            else
            {
                properties[name] = Normalize(name, value);
            }
        }
    }

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        int i => i,
        long l => checked((int)l),
        _ => throw WrongType(name, "Int32"),
    };

    /// <summary>Reads an Edm.Int64; also accepts an Edm.Int32 value, which widens without loss.</summary>
    public long? GetInt64(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        long l => l,
        int i => i,
        _ => throw WrongType(name, "Int64"),
    };

    public double? GetDouble(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        double d => d,
        int i => i,
        _ => throw WrongType(name, "Double"),
    };

    public bool? GetBoolean(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        bool b => b,
        _ => throw WrongType(name, "Boolean"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        DateTimeOffset d => d,
        _ => throw WrongType(name, "DateTime"),
    };

    public Guid? GetGuid(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        Guid g => g,
        _ => throw WrongType(name, "Guid"),
    };

    public byte[]? GetBinary(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        byte[] b => (byte[])b.Clone(),
        _ => throw WrongType(name, "Binary"),
    };

    /// <summary>Reads a decimal stored as an invariant-culture string (see the type's remarks).</summary>
    public decimal? GetDecimal(string name) => properties.GetValueOrDefault(name) switch
    {
        null => null,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal d) => d,
        _ => throw WrongType(name, "decimal string"),
    };

    /// <summary>A deep copy (binary values are copied too).</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach ((string name, object value) in properties)
        {
            copy.properties[name] = value is byte[] bytes ? (byte[])bytes.Clone() : value;
        }

        return copy;
    }

    public override string ToString() => $"TableEntity({PartitionKey}, {RowKey}, {properties.Count} properties)";

    internal void SetRaw(string name, object value) => properties[name] = value;

    internal static bool IsReservedName(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" or "ETag" || name.StartsWith("odata.", StringComparison.Ordinal);

    private T? Get<T>(string name)
        where T : class =>
        properties.GetValueOrDefault(name) switch
        {
            null => null,
            T value => value,
            _ => throw WrongType(name, typeof(T).Name),
        };

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (IsReservedName(name) || name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is reserved and cannot be used as a property name.", nameof(name));
        }
    }

    private static object Normalize(string name, object value) => value switch
    {
        string or long or int or double or bool or Guid => value,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        byte[] b => (byte[])b.Clone(),
        _ => throw new ArgumentException(
            $"Property '{name}' has unsupported type {value.GetType().Name}; use string, long, int, double, bool, DateTimeOffset, Guid, byte[] or decimal.",
            nameof(value)),
    };

    private InvalidCastException WrongType(string name, string expected) =>
        new($"Property '{name}' of entity ({PartitionKey}, {RowKey}) holds {properties[name].GetType().Name}, not {expected}.");
}
