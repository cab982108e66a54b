using Billing.Storage.Tables;

namespace Billing.Application.Workflows;

/// <summary>Reading the workflow tables' rows: a property every row has, or an error naming the row and the property.</summary>
internal static class WorkflowRows
{
    public static string Required(TableEntity row, string name) => row.GetString(name) ?? throw Missing(row, name);

    public static InvalidOperationException Missing(TableEntity row, string name) =>
        new($"workflow row ({row.PartitionKey}, {row.RowKey}) has no {name}");
}
