using Billing.Storage.Tables;

namespace Billing.Storage.InMemory;

/// <summary>The exceptions the twins throw, with the status, code and wording the service uses.</summary>
internal static class TwinErrors
{
    public static StorageRequestFailedException NotFound(string code, string what) =>
        new(404, code, $"{what} failed: 404 {code}: The specified resource does not exist.");

    public static StorageRequestFailedException Conflict(string code, string what) =>
        new(409, code, $"{what} failed: 409 {code}: The specified resource already exists.");

    public static StorageRequestFailedException PreconditionFailed(string code, string what) =>
        new(412, code, $"{what} failed: 412 {code}: The condition specified was not satisfied.");

    public static StorageRequestFailedException BadRequest(string code, string what) =>
        new(400, code, $"{what} failed: 400 {code}.");

    public static TableTransactionFailedException TransactionFailed(StorageRequestFailedException error, int index, string table) =>
        new(error.Status, error.ErrorCode, $"Table transaction on table '{table}' failed at action {index}: {error.Status} {error.ErrorCode}", index);
}
