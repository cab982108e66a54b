using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace Billing.Storage.Http;

/// <summary>
/// Turns an error response into a typed exception: the code comes from <c>x-ms-error-code</c> or, failing that,
/// the body (Table JSON <c>odata.error</c>, Blob/Queue XML <c>Error</c>). 403 signature failures become
/// <see cref="StorageAuthenticationException"/> naming the account.
/// </summary>
internal static class StorageErrorParser
{
    public static StorageRequestFailedException ToException(Response response, string accountName, string operation)
    {
        (string? bodyCode, string? bodyMessage) = ParseBody(response.Content);
        string? code = response.Headers.TryGetValue("x-ms-error-code", out string? headerCode) ? headerCode : bodyCode;
        string message = FirstLine(bodyMessage) ?? response.ReasonPhrase;

        if (response.Status == 403 && code is null or StorageErrorCode.AuthenticationFailed or "AuthorizationFailure")
        {
            return new StorageAuthenticationException(accountName, code, message);
        }

        return new StorageRequestFailedException(
            response.Status, code, $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase}: {message}");
    }

    public static (string? Code, string? Message) ParseBody(BinaryData? content)
    {
        if (content is null || content.ToMemory().Length == 0)
        {
            return (null, null);
        }

        string text = content.ToString().Trim();
        try
        {
            if (text.StartsWith('{'))
            {
                using JsonDocument document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("odata.error", out JsonElement error))
                {
                    string? code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                    string? message = error.TryGetProperty("message", out JsonElement m)
                        ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out JsonElement v) ? v.GetString() : m.ToString())
                        : null;
                    return (code, message);
                }
            }
            else if (text.StartsWith('<'))
            {
                XElement root = XDocument.Parse(text).Root!;
                return (root.Element("Code")?.Value, root.Element("Message")?.Value);
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            // A body that is not the documented error shape still leaves the status and header code.
        }

        return (null, text.Length > 200 ? text[..200] : text);
    }

    private static string? FirstLine(string? message) =>
        message?.Split('\n', 2)[0].Trim();
}
