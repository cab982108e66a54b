using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Billing.Storage.Http;

namespace Billing.Storage.Tables;

/// <summary>
/// <see cref="ITableClient"/> over the Table service REST API (JSON, <c>odata=minimalmetadata</c>), on an
/// Azure.Core pipeline that retries transient failures and signs every attempt. Build it through
/// <see cref="StorageAccount.GetTableClient"/>.
/// </summary>
public sealed class TableRestClient : ITableClient
{
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly StoragePipeline pipeline;
    private readonly Uri endpoint;
    private readonly Uri tableUri;

    internal TableRestClient(StoragePipeline pipeline, Uri endpoint, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.pipeline = pipeline;
        this.endpoint = endpoint;
        Name = name;
        tableUri = TableUris.Table(endpoint, name);
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = Create(RequestMethod.Post, TableUris.Table(endpoint, "Tables"));
        JsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        Response response = await pipeline.SendAsync(message, $"Create table '{Name}'", cancellationToken, 409).ConfigureAwait(false);
        return response.Status != 409;
    }

    public async Task<TableEntity> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        string query = select is null ? string.Empty : "?$select=" + Uri.EscapeDataString(SelectList(select));
        using HttpMessage message = Create(RequestMethod.Get, new Uri(TableUris.Entity(tableUri, partitionKey, rowKey).AbsoluteUri + query));
        Response response = await pipeline.SendAsync(message, Describe("Get", partitionKey, rowKey), cancellationToken).ConfigureAwait(false);
        return ReadEntity(response);
    }

    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = Create(RequestMethod.Get, TableUris.Entity(tableUri, partitionKey, rowKey));
        Response response = await pipeline.SendAsync(message, Describe("Get", partitionKey, rowKey), cancellationToken, 404).ConfigureAwait(false);
        if (response.Status != 404)
        {
            return ReadEntity(response);
        }

        // A missing table is an error even here; only a missing row means "no entity".
        (string? code, _) = StorageErrorParser.ParseBody(response.Content);
        string? headerCode = response.Headers.TryGetValue("x-ms-error-code", out string? h) ? h : code;
        if (headerCode == StorageErrorCode.TableNotFound)
        {
            throw StorageErrorParser.ToException(response, pipeline.AccountName, Describe("Get", partitionKey, rowKey));
        }

        return null;
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableKeyRules.Validate(entity);
        using HttpMessage message = Create(RequestMethod.Post, tableUri);
        JsonBody(message, TableEntityJson.Serialize(entity));
        Response response = await pipeline.SendAsync(message, Describe("Insert", entity), cancellationToken).ConfigureAwait(false);
        return ETagOf(response);
    }

    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, default, mode, "Upsert", cancellationToken);

    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Updating an entity");
        return WriteAsync(entity, ifMatch, mode, "Update", cancellationToken);
    }

    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableTransactionValidator.RequireETag(ifMatch, "Deleting an entity");
        using HttpMessage message = Create(RequestMethod.Delete, TableUris.Entity(tableUri, partitionKey, rowKey));
        message.Request.Headers.Add("If-Match", ifMatch.ToString());
        await pipeline.SendAsync(message, Describe("Delete", partitionKey, rowKey), cancellationToken).ConfigureAwait(false);
    }

    public AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        string? selectList = select is null ? null : SelectList(select);
        return new DelegatingPageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, selectList, token, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TableTransactionAction> list = TableTransactionValidator.Validate(actions);
        foreach (TableTransactionAction action in list.Where(a => a.ActionType != TableTransactionActionType.Delete))
        {
            TableKeyRules.Validate(action.Entity);
        }

        (byte[] body, string contentType) = TableBatchBody.Write(tableUri, list);
        TableTransactionValidator.ValidateBodySize(body.Length);

        using HttpMessage message = Create(RequestMethod.Post, TableUris.Table(endpoint, "$batch"));
        message.Request.Headers.Add("Content-Type", contentType);
        message.Request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        message.Request.Content = RequestContent.Create(body);
        Response response = await pipeline.SendAsync(message, $"Transaction on table '{Name}'", cancellationToken).ConfigureAwait(false);
        return TableBatchBody.Read(response.Content.ToString(), pipeline.AccountName);
    }

    private async Task<ETag> WriteAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode, string verb, CancellationToken cancellationToken)
    {
        TableKeyRules.Validate(entity);
        using HttpMessage message = Create(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, TableUris.Entity(tableUri, entity.PartitionKey, entity.RowKey));
        if (ifMatch != default)
        {
            message.Request.Headers.Add("If-Match", ifMatch.ToString());
        }

        JsonBody(message, TableEntityJson.Serialize(entity));
        Response response = await pipeline.SendAsync(message, Describe(verb, entity), cancellationToken).ConfigureAwait(false);
        return ETagOf(response);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(
        string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(filter))
        {
            query.Add("$filter=" + Uri.EscapeDataString(filter));
        }

        if (!string.IsNullOrEmpty(select))
        {
            query.Add("$select=" + Uri.EscapeDataString(select));
        }

        if (top is int pageSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1, nameof(top));
            query.Add("$top=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (ContinuationToken.TryParse(continuationToken, out string? nextPartition, out string? nextRow))
        {
            query.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
            if (nextRow is not null)
            {
                query.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
        }

        string address = tableUri.AbsoluteUri + "()" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        // Not disposed: the page keeps the (buffered) raw response for GetRawResponse().
        HttpMessage message = Create(RequestMethod.Get, new Uri(address));
        Response response = await pipeline.SendAsync(message, $"Query table '{Name}'", cancellationToken).ConfigureAwait(false);

        using JsonDocument document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = new List<TableEntity>();
        foreach (JsonElement element in document.RootElement.GetProperty("value").EnumerateArray())
        {
            entities.Add(TableEntityJson.Read(element));
        }

        string? token = ContinuationToken.Format(
            response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out string? pk) ? pk : null,
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out string? rk) ? rk : null);
        return Page<TableEntity>.FromValues(entities, token, response);
    }

    // The service returns only the selected properties; the keys and timestamp are always asked for so entities stay addressable.
    private static string SelectList(IEnumerable<string> select) =>
        string.Join(',', new[] { "PartitionKey", "RowKey", "Timestamp" }.Concat(select).Distinct(StringComparer.Ordinal));

    private HttpMessage Create(RequestMethod method, Uri uri)
    {
        HttpMessage message = pipeline.CreateMessage(method, uri);
        message.Request.Headers.Add("Accept", MinimalMetadata);
        message.Request.Headers.Add("DataServiceVersion", "3.0");
        return message;
    }

    private static void JsonBody(HttpMessage message, byte[] json)
    {
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Headers.Add("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(json);
    }

    private static TableEntity ReadEntity(Response response)
    {
        using JsonDocument document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Read(document.RootElement, ETagOf(response));
    }

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? (response.Headers.TryGetValue("ETag", out string? etag) ? new ETag(etag) : default);

    private string Describe(string verb, TableEntity entity) => Describe(verb, entity.PartitionKey, entity.RowKey);

    private string Describe(string verb, string partitionKey, string rowKey) =>
        new StringBuilder(verb).Append(" entity (").Append(partitionKey).Append(", ").Append(rowKey).Append(") in table '").Append(Name).Append('\'').ToString();
}
