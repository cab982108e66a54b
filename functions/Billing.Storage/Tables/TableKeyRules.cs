namespace Billing.Storage.Tables;

/// <summary>
/// The service's rules for PartitionKey and RowKey, checked by both clients before a write: at most 1,024 characters and none of
/// '/', '\', '#', '?' or control characters (the emulator accepts some of these; the service does not).
/// </summary>
internal static class TableKeyRules
{
    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        Validate(entity.PartitionKey, "PartitionKey");
        Validate(entity.RowKey, "RowKey");
    }

    private static void Validate(string key, string name)
    {
        if (key.Length > 1024)
        {
            throw new ArgumentException($"{name} '{key[..32]}...' is longer than 1,024 characters.", name);
        }

        foreach (char c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"{name} '{key}' contains '{(char.IsControl(c) ? "control character" : c.ToString())}', which the Table service forbids.", name);
            }
        }
    }
}
