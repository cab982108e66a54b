using Azure.Core;
using Billing.Storage.Http;

namespace Billing.Storage.Tests.Http;

/// <summary>The resource and operation tags of a storage request: names of tables, queues and containers, never keys or blob names.</summary>
public sealed class StorageRequestKindTests
{
    [Theory]
    [InlineData(StorageService.Table, "GET", "http://127.0.0.1:10002/devstoreaccount1/invoices(PartitionKey='c1',RowKey='r')", "invoices", "point-read")]
    [InlineData(StorageService.Table, "GET", "http://127.0.0.1:10002/devstoreaccount1/invoices()?$filter=PartitionKey%20eq%20'c1'", "invoices", "query")]
    [InlineData(StorageService.Table, "POST", "https://acct.table.core.windows.net/$batch", "$batch", "transaction")]
    [InlineData(StorageService.Table, "POST", "https://acct.table.core.windows.net/invoices", "invoices", "insert")]
    [InlineData(StorageService.Table, "PUT", "https://acct.table.core.windows.net/invoices(PartitionKey='c1',RowKey='r')", "invoices", "update")]
    [InlineData(StorageService.Table, "POST", "https://acct.table.core.windows.net/Tables", "", "create")]
    [InlineData(StorageService.Queue, "GET", "http://localhost:10001/devstoreaccount1/billinghub-control-00/messages?numofmessages=32", "billinghub-control-00", "receive")]
    [InlineData(StorageService.Queue, "GET", "https://acct.queue.core.windows.net/settlements/messages?peekonly=true", "settlements", "peek")]
    [InlineData(StorageService.Queue, "POST", "https://acct.queue.core.windows.net/settlements/messages", "settlements", "send")]
    [InlineData(StorageService.Queue, "DELETE", "https://acct.queue.core.windows.net/settlements/messages/id-1?popreceipt=x", "settlements", "delete")]
    [InlineData(StorageService.Queue, "GET", "https://acct.queue.core.windows.net/settlements?comp=metadata", "settlements", "metadata")]
    [InlineData(StorageService.Blob, "PUT", "http://127.0.0.1:10000/devstoreaccount1/invoices/INV-2026-000001.pdf", "invoices", "write")]
    [InlineData(StorageService.Blob, "GET", "https://acct.blob.core.windows.net/invoices/INV-2026-000001.pdf", "invoices", "read")]
    [InlineData(StorageService.Blob, "GET", "https://acct.blob.core.windows.net/settlements?restype=container&comp=list&prefix=c1", "settlements", "list")]
    [InlineData(StorageService.Blob, "PUT", "https://acct.blob.core.windows.net/locks/SettlementTimer?comp=lease", "locks", "lease")]
    [InlineData(StorageService.Blob, "PUT", "https://acct.blob.core.windows.net/outbox?restype=container", "outbox", "create")]
    public void A_request_is_tagged_with_its_table_queue_or_container_and_what_it_does(StorageService service, string method, string uri, string resource, string operation)
    {
        var kind = StorageRequestKind.Of(service, RequestMethod.Parse(method), new Uri(uri));

        Assert.Equal(new StorageRequestKind(resource, operation), kind);
    }
}
