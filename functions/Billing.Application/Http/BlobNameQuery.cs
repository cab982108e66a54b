using System.Text;
using Billing.Storage;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Http;

/// <summary>
/// Blob names and prefixes that reach storage from a route or a query string: a name no blob can have (empty, over
/// 1,024 characters, holding control characters, noncharacters or a lone surrogate) is not looked up, and a name or prefix the storage service refuses
/// as malformed (its 400) is the caller's fault, not the service's: a route answers 404 for such a name and 400 naming
/// the parameter for such a prefix, never 500.
/// </summary>
public static class BlobNameQuery
{
    /// <summary>The longest blob name the storage service accepts.</summary>
    public const int MaxLength = 1024;

    /// <summary>True when no blob can be named <paramref name="name"/> (a prefix of it, likewise).</summary>
    public static bool CannotName(string name) =>
        string.IsNullOrEmpty(name) || name.Length > MaxLength
        || !PlainText.AllCharacters(name, rune => !Rune.IsControl(rune) && !PlainText.IsNoncharacter(rune));

    /// <summary>True when the storage service refused the name or prefix as malformed.</summary>
    public static bool Refused(StorageRequestFailedException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Status == StatusCodes.Status400BadRequest;
    }
}
