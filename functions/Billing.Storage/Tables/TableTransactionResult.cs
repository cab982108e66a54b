using Azure;

namespace Billing.Storage.Tables;

/// <summary>The outcome of one operation of a committed transaction: its status and the entity's new ETag (default for a delete).</summary>
public sealed record TableTransactionResult(int Status, ETag ETag);
