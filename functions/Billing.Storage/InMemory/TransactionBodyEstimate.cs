using System.Text;
using Billing.Storage.Tables;

namespace Billing.Storage.InMemory;

/// <summary>
/// The in-memory twin's stand-in for the size of a <c>$batch</c> body, so it refuses what the SDK client refuses
/// (4 MiB or more, see <see cref="TransactionSizePolicy"/>): per operation the MIME part and request line, the keys
/// (each written twice, in the URL and the body) and each property as JSON (name, value, type annotation).
/// Close to the real body, not byte-exact; a transaction within a few KiB of the limit may be judged differently.
/// </summary>
internal static class TransactionBodyEstimate
{
    private const int PerOperationOverhead = 420;
    private const int PerPropertyOverhead = 40;

    public static long Bytes(IReadOnlyList<TableTransactionAction> actions)
    {
        long total = 200;
        foreach (TableTransactionAction action in actions)
        {
            TableEntity entity = action.Entity;
            total += PerOperationOverhead + (2 * (Utf8(entity.PartitionKey) + Utf8(entity.RowKey)));
            foreach ((string name, object value) in entity.Properties)
            {
                total += PerPropertyOverhead + Utf8(name) + value switch
                {
                    string s => Utf8(s),
                    byte[] b => (b.Length + 2) / 3 * 4,
                    _ => 40,
                };
            }
        }

        return total;
    }

    private static int Utf8(string text) => Encoding.UTF8.GetByteCount(text);
}
