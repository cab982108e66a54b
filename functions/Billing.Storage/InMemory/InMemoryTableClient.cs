using System.Globalization;
using System.Text;
using Azure;
using Billing.Storage.Http;
using Billing.Storage.Tables;

namespace Billing.Storage.InMemory;

/// <summary>
/// The in-memory twin of the Azure table client (see <see cref="InMemoryStorageAccount"/> for where it serves): same ETag
/// rules, error codes, 1,000-entity pages with continuation tokens, and atomic, client-side-validated transactions.
/// Entities are copied in and out.
/// </summary>
public sealed class InMemoryTableClient : ITableClient
{
    private const int ServicePageSize = 1000;

    private readonly InMemoryStorageAccount account;

    internal InMemoryTableClient(InMemoryStorageAccount account, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.account = account;
        Name = name;
    }

    public string Name { get; }

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        return Task.FromResult(account.Tables.TryAdd(Name, new TableState()));
    }

    public Task<TableEntity> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        TableState table = State("Get entity");
        lock (table)
        {
            TableEntity stored = table.Rows.GetValueOrDefault(new EntityKey(partitionKey, rowKey))
                ?? throw TwinErrors.NotFound(StorageErrorCode.ResourceNotFound, Describe("Get", partitionKey, rowKey));
            return Task.FromResult(Project(stored, select?.ToHashSet(StringComparer.Ordinal)));
        }
    }

    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        TableState table = State("Get entity");
        lock (table)
        {
            return Task.FromResult(table.Rows.GetValueOrDefault(new EntityKey(partitionKey, rowKey))?.Clone());
        }
    }

    public Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        Apply(new TableTransactionAction(TableTransactionActionType.Add, entity), cancellationToken);

    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        Apply(new TableTransactionAction(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, entity), cancellationToken);

    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Updating an entity");
        return Apply(
            new TableTransactionAction(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, entity, ifMatch),
            cancellationToken);
    }

    public Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Deleting an entity");
        return Apply(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch), cancellationToken);
    }

    public AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        ODataFilter predicate = ODataFilter.Parse(filter);
        HashSet<string>? selected = select?.ToHashSet(StringComparer.Ordinal);
        return new DelegatingPageable<TableEntity>(
            (token, pageSize, ct) => Task.FromResult(QueryPage(predicate, selected, pageSize ?? maxPerPage, token, ct)), cancellationToken);
    }

    public Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TableTransactionAction> list = TableTransactionValidator.Validate(actions);
        foreach (TableTransactionAction action in list)
        {
            if (action.ActionType != TableTransactionActionType.Delete)
            {
                TableKeyRules.Validate(action.Entity);
            }
        }

        TableTransactionValidator.ValidateBodySize(TransactionBodyEstimate.Bytes(list));
        account.CountRequest(cancellationToken);

        TableState table = State("Table transaction");
        lock (table)
        {
            // Each row appears once, so every action's precondition depends only on the state before the
            // transaction: check them all, then apply them all, and nothing changes when one fails.
            for (int index = 0; index < list.Count; index++)
            {
                if (Check(table, list[index]) is { } error)
                {
                    throw TwinErrors.TransactionFailed(error, index, Name);
                }
            }

            return Task.FromResult<IReadOnlyList<TableTransactionResult>>(
                list.Select(action => new TableTransactionResult(204, Write(table, action))).ToList());
        }
    }

    private Task<ETag> Apply(TableTransactionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action.Entity);
        if (action.ActionType != TableTransactionActionType.Delete)
        {
            TableKeyRules.Validate(action.Entity);
        }

        account.CountRequest(cancellationToken);
        TableState table = State(Describe(action.ActionType.ToString(), action.Entity.PartitionKey, action.Entity.RowKey));
        lock (table)
        {
            if (Check(table, action) is { } error)
            {
                throw error;
            }

            return Task.FromResult(Write(table, action));
        }
    }

    private StorageRequestFailedException? Check(TableState table, TableTransactionAction action)
    {
        TableEntity? stored = table.Rows.GetValueOrDefault(EntityKey.Of(action.Entity));
        string what = Describe(action.ActionType.ToString(), action.Entity.PartitionKey, action.Entity.RowKey);
        return action.ActionType switch
        {
            TableTransactionActionType.Add when stored is not null => TwinErrors.Conflict(StorageErrorCode.EntityAlreadyExists, what),
            _ when action.NeedsETag && stored is null => TwinErrors.NotFound(StorageErrorCode.ResourceNotFound, what),
            _ when action.NeedsETag && action.IfMatch != ETag.All && stored!.ETag != action.IfMatch =>
                TwinErrors.PreconditionFailed(StorageErrorCode.UpdateConditionNotSatisfied, what),
            _ => null,
        };
    }

    private ETag Write(TableState table, TableTransactionAction action)
    {
        var key = EntityKey.Of(action.Entity);
        if (action.ActionType == TableTransactionActionType.Delete)
        {
            table.Rows.Remove(key);
            table.Order.Remove(key);
            return default;
        }

        DateTimeOffset timestamp = account.NextTimestamp();
        TableEntity next = action.Entity.Clone();
        bool merge = action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge;
        if (merge && table.Rows.TryGetValue(key, out TableEntity? existing))
        {
            next = existing.Clone();
            foreach ((string name, object value) in action.Entity.Properties)
            {
                next.SetRaw(name, value is byte[] bytes ? (byte[])bytes.Clone() : value);
            }
        }

        next.Timestamp = timestamp;
        next.ETag = new ETag("W/\"datetime'" + Uri.EscapeDataString(EdmDateTime.ToText(timestamp)) + "'\"");
        table.Rows[key] = next;
        table.Order.Add(key);
        return next.ETag;
    }

    private Page<TableEntity> QueryPage(ODataFilter filter, HashSet<string>? select, int? maxPerPage, string? token, CancellationToken cancellationToken)
    {
        if (maxPerPage is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "A page holds at least one entity.");
        }

        int size = Math.Min(maxPerPage ?? ServicePageSize, ServicePageSize);
        account.CountRequest(cancellationToken);
        TableState table = State($"Query table '{Name}'");
        lock (table)
        {
            var page = new List<TableEntity>(Math.Min(size, table.Rows.Count));
            string? next = null;
            if (table.Order.Count > 0)
            {
                EntityKey start = DecodeToken(token) ?? table.Order.Min;
                IEnumerable<EntityKey> keys = start.CompareTo(table.Order.Max) > 0 ? [] : table.Order.GetViewBetween(start, table.Order.Max);
                foreach (EntityKey key in keys)
                {
                    if (page.Count == size)
                    {
                        next = EncodeToken(key);
                        break;
                    }

                    TableEntity entity = table.Rows[key];
                    if (filter.Matches(entity))
                    {
                        page.Add(Project(entity, select));
                    }
                }
            }

            return Page<TableEntity>.FromValues(page, next, TwinResponse.Ok);
        }
    }

    private static TableEntity Project(TableEntity stored, HashSet<string>? select)
    {
        TableEntity copy = stored.Clone();
        if (select is not null)
        {
            foreach (string name in copy.Properties.Keys.Where(n => !select.Contains(n)).ToList())
            {
                copy[name] = null;
            }
        }

        return copy;
    }

    private static string EncodeToken(EntityKey key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key.PartitionKey)) + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key.RowKey));

    private static EntityKey? DecodeToken(string? token)
    {
        if (!ContinuationToken.TryParse(token, out string? partition, out string? row))
        {
            return null;
        }

        return new EntityKey(
            Encoding.UTF8.GetString(Convert.FromBase64String(partition)),
            Encoding.UTF8.GetString(Convert.FromBase64String(row ?? string.Empty)));
    }

    private TableState State(string what) =>
        account.Tables.GetValueOrDefault(Name) ?? throw TwinErrors.NotFound(StorageErrorCode.TableNotFound, what);

    private string Describe(string verb, string partitionKey, string rowKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{verb} entity ({partitionKey}, {rowKey}) in table '{Name}'");

    /// <summary>A table's rows, and their keys in PartitionKey-then-RowKey order for paging. Guarded by locking the instance.</summary>
    internal sealed class TableState
    {
        public Dictionary<EntityKey, TableEntity> Rows { get; } = [];

        public SortedSet<EntityKey> Order { get; } = [];
    }

    internal readonly record struct EntityKey(string PartitionKey, string RowKey) : IComparable<EntityKey>
    {
        public static EntityKey Of(TableEntity entity) => new(entity.PartitionKey, entity.RowKey);

        public int CompareTo(EntityKey other)
        {
            int partition = string.CompareOrdinal(PartitionKey, other.PartitionKey);
            return partition != 0 ? partition : string.CompareOrdinal(RowKey, other.RowKey);
        }
    }
}
