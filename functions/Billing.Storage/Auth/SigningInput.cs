namespace Billing.Storage.Auth;

/// <summary>
/// What the Shared Key string-to-sign is built from: the verb, the URI as sent on the wire,
/// the request headers (names compared case-insensitively) and the body length.
/// </summary>
internal sealed record SigningInput(
    string Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    long ContentLength)
{
    public string Header(string name)
    {
        var values = Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? string.Empty : string.Join(',', values);
    }
}
