using SdkTableEntity = Azure.Data.Tables.TableEntity;

namespace Billing.Storage.Tables;

/// <summary>
/// Copies between this code base's <see cref="TableEntity"/> and the SDK's. Property values keep their Edm types
/// (the SDK writes Int64, Double, DateTime, Guid and Binary with their type annotations and reads them back typed);
/// the SDK's own keys for the ETag and Timestamp become the entity's <see cref="TableEntity.ETag"/> and
/// <see cref="TableEntity.Timestamp"/>; null values are dropped, as the service does.
/// </summary>
internal static class SdkEntities
{
    public static SdkTableEntity ToSdk(TableEntity entity)
    {
        var copy = new SdkTableEntity(entity.PartitionKey, entity.RowKey);
        foreach ((string name, object value) in entity.Properties)
        {
            copy[name] = value is byte[] bytes ? (byte[])bytes.Clone() : value;
        }

        return copy;
    }

    public static TableEntity FromSdk(SdkTableEntity entity)
    {
        var copy = new TableEntity(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag, Timestamp = entity.Timestamp };
        foreach ((string name, object? value) in entity)
        {
            if (value is null || TableEntity.IsReservedName(name))
            {
                continue;
            }

            copy[name] = value is BinaryData binary ? binary.ToArray() : value;
        }

        return copy;
    }
}
