using Azure;

namespace Billing.Storage.Tables;

/// <summary>
/// One table, shaped like the official <c>Azure.Data.Tables.TableClient</c> calls this code base uses.
/// Implemented over that client (<see cref="StorageAccount.GetTableClient"/>) and in memory
/// (<see cref="InMemory.InMemoryTableClient"/>) with the same contract, errors included:
/// 404 <c>TableNotFound</c>/<c>ResourceNotFound</c>, 409 <c>EntityAlreadyExists</c>, 412 <c>UpdateConditionNotSatisfied</c>,
/// all as <see cref="StorageRequestFailedException"/>.
/// Updates and deletes always take an ETag; overwriting regardless is spelled <see cref="ETag.All"/>.
/// </summary>
public interface ITableClient
{
    string Name { get; }

    /// <summary>Creates the table; false when it already existed.</summary>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one entity; 404 when it does not exist.</summary>
    Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one entity, or null when it does not exist (the table must exist).</summary>
    Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts; 409 <c>EntityAlreadyExists</c> when the row exists. Returns the new ETag.</summary>
    Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or merges/replaces without a condition. Returns the new ETag.</summary>
    Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Updates when the stored ETag equals <paramref name="ifMatch"/>; 412 when it moved on, 404 when the row is gone.</summary>
    Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Deletes when the stored ETag equals <paramref name="ifMatch"/>; 412 when it moved on, 404 when the row is gone.</summary>
    Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entities matching an OData <paramref name="filter"/> (see <see cref="TableFilter"/>), in PartitionKey then RowKey order,
    /// following continuation tokens. A page holds at most <paramref name="maxPerPage"/> (the service caps pages at 1,000).
    /// <paramref name="select"/> limits the properties returned; keys are always returned.
    /// </summary>
    AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies all actions atomically (entity group transaction) or none. Checked before sending: one partition,
    /// at most 100 actions, each RowKey once, ETags on updates/deletes, body under 4 MiB (<see cref="ArgumentException"/>).
    /// A refused action throws <see cref="TableTransactionFailedException"/> naming its index.
    /// </summary>
    Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
