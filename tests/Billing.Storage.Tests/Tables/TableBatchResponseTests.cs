using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Tables;

/// <summary>Reading $batch responses in the documented multipart layout.</summary>
public sealed class TableBatchResponseTests
{
    [Fact]
    public void Successful_batch_yields_one_result_per_operation_with_its_etag()
    {
        const string body =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n"
            + "--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\nContent-ID: 1\r\nETag: W/\"datetime'2025-01-01T00%3A00%3A00.1Z'\"\r\n\r\n\r\n"
            + "--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\nContent-ID: 2\r\n\r\n\r\n"
            + "--changesetresponse_1--\r\n--batchresponse_1--\r\n";

        IReadOnlyList<TableTransactionResult> results = TableBatchBody.Read(body, "acct");

        Assert.Equal(2, results.Count);
        Assert.Equal("W/\"datetime'2025-01-01T00%3A00%3A00.1Z'\"", results[0].ETag.ToString());
        Assert.Equal(204, results[1].Status);
    }

    [Fact]
    public void Failed_batch_reports_the_failing_operation_index_and_code()
    {
        const string body =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n"
            + "--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 409 Conflict\r\nContent-ID: 3\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n"
            + "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\\nRequestId:x\"}}}\r\n"
            + "--changesetresponse_1--\r\n--batchresponse_1--\r\n";

        var error = Assert.Throws<TableTransactionFailedException>(() => TableBatchBody.Read(body, "acct"));

        Assert.Equal((409, "EntityAlreadyExists", 2), (error.Status, error.ErrorCode, error.FailedActionIndex));
    }
}
