using Azure;
using Azure.Data.Tables;
using Billing.Storage.Http;
using SdkTableEntity = Azure.Data.Tables.TableEntity;

namespace Billing.Storage.Tables;

/// <summary>
/// <see cref="ITableClient"/> over the SDK's <see cref="TableClient"/>. Adds what the contract promises beyond the SDK:
/// key and transaction rules checked before any request, a 404 for deleting a missing row (the SDK treats it as done),
/// and the SDK's errors as <see cref="StorageRequestFailedException"/> / <see cref="TableTransactionFailedException"/>.
/// Built by <see cref="StorageAccount.GetTableClient"/>.
/// </summary>
internal sealed class SdkTableClient(TableClient client, string accountName) : ITableClient
{
    // The service returns only the selected properties; keys and timestamp are always asked for so entities stay addressable.
    private static readonly string[] AlwaysSelected = ["PartitionKey", "RowKey", "Timestamp"];

    public string Name => client.Name;

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Create table '{Name}'");
        }
    }

    public async Task<TableEntity> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        try
        {
            Response<SdkTableEntity> response = await client.GetEntityAsync<SdkTableEntity>(
                partitionKey, rowKey, select is null ? null : SelectList(select), cancellationToken).ConfigureAwait(false);
            return SdkEntities.FromSdk(response.Value);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Get", partitionKey, rowKey));
        }
    }

    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        try
        {
            Response<SdkTableEntity> response = await client.GetEntityAsync<SdkTableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return SdkEntities.FromSdk(response.Value);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != StorageErrorCode.TableNotFound)
        {
            // A missing table is an error even here; only a missing row means "no entity".
            return null;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Get", partitionKey, rowKey));
        }
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableKeyRules.Validate(entity);
        try
        {
            Response response = await client.AddEntityAsync(SdkEntities.ToSdk(entity), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Insert", entity.PartitionKey, entity.RowKey));
        }
    }

    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableKeyRules.Validate(entity);
        try
        {
            Response response = await client.UpsertEntityAsync(SdkEntities.ToSdk(entity), SdkMode(mode), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Upsert", entity.PartitionKey, entity.RowKey));
        }
    }

    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Updating an entity");
        TableKeyRules.Validate(entity);
        try
        {
            Response response = await client.UpdateEntityAsync(SdkEntities.ToSdk(entity), ifMatch, SdkMode(mode), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Update", entity.PartitionKey, entity.RowKey));
        }
    }

    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Deleting an entity");
        Response response;
        try
        {
            response = await client.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Delete", partitionKey, rowKey));
        }

        if (response.Status == 404)
        {
            throw StorageErrors.From(response, Describe("Delete", partitionKey, rowKey));
        }
    }

    public AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is int size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(maxPerPage));
        }

        AsyncPageable<SdkTableEntity> pages = client.QueryAsync<SdkTableEntity>(
            filter, maxPerPage, select is null ? null : SelectList(select), cancellationToken);
        return new MappedPageable<SdkTableEntity, TableEntity>(
            pages, SdkEntities.FromSdk, e => Failed(e, $"Query table '{Name}'"), cancellationToken);
    }

    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TableTransactionAction> list = TableTransactionValidator.Validate(actions);
        foreach (TableTransactionAction action in list.Where(a => a.ActionType != TableTransactionActionType.Delete))
        {
            TableKeyRules.Validate(action.Entity);
        }

        List<Azure.Data.Tables.TableTransactionAction> sdkActions = list
            .Select(a => new Azure.Data.Tables.TableTransactionAction(SdkActionType(a.ActionType), SdkEntities.ToSdk(a.Entity), a.IfMatch))
            .ToList();
        try
        {
            Response<IReadOnlyList<Response>> response = await client.SubmitTransactionAsync(sdkActions, cancellationToken).ConfigureAwait(false);
            return response.Value.Select(r => new TableTransactionResult(r.Status, r.Headers.ETag ?? default)).ToList();
        }
        catch (Azure.Data.Tables.TableTransactionFailedException e)
        {
            throw new TableTransactionFailedException(
                e.Status,
                e.ErrorCode,
                $"Transaction on table '{Name}' failed at action {e.FailedTransactionActionIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"}: {e.Status} {e.ErrorCode}",
                e.FailedTransactionActionIndex,
                e);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Transaction on table '{Name}'");
        }
    }

    private static IEnumerable<string> SelectList(IEnumerable<string> select) =>
        AlwaysSelected.Concat(select).Distinct(StringComparer.Ordinal).ToList();

    private static Azure.Data.Tables.TableUpdateMode SdkMode(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? Azure.Data.Tables.TableUpdateMode.Merge : Azure.Data.Tables.TableUpdateMode.Replace;

    private static Azure.Data.Tables.TableTransactionActionType SdkActionType(TableTransactionActionType type) => type switch
    {
        TableTransactionActionType.Add => Azure.Data.Tables.TableTransactionActionType.Add,
        TableTransactionActionType.UpdateMerge => Azure.Data.Tables.TableTransactionActionType.UpdateMerge,
        TableTransactionActionType.UpdateReplace => Azure.Data.Tables.TableTransactionActionType.UpdateReplace,
        TableTransactionActionType.Delete => Azure.Data.Tables.TableTransactionActionType.Delete,
        TableTransactionActionType.UpsertMerge => Azure.Data.Tables.TableTransactionActionType.UpsertMerge,
        TableTransactionActionType.UpsertReplace => Azure.Data.Tables.TableTransactionActionType.UpsertReplace,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown transaction action."),
    };

    private StorageRequestFailedException Failed(RequestFailedException error, string operation) =>
        StorageErrors.From(error, accountName, operation);

    private string Describe(string verb, string partitionKey, string rowKey) =>
        $"{verb} entity ({partitionKey}, {rowKey}) in table '{Name}'";
}
