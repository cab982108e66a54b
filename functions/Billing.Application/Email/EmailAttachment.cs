namespace Billing.Application.Email;

/// <summary>A file attached to an email: its name as the recipient sees it (any script), MIME type and bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content)
{
    public const string PdfContentType = "application/pdf";

    /// <summary>An invoice or receipt PDF.</summary>
    public static EmailAttachment Pdf(string fileName, ReadOnlyMemory<byte> content) => new(fileName, PdfContentType, content);

    internal void Validate(string field)
    {
        if (string.IsNullOrWhiteSpace(FileName) || FileName.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            throw new ArgumentException($"{field}: a file name without control characters or path separators is required.", field);
        }

        int slash = ContentType.IndexOf('/', StringComparison.Ordinal);
        bool token = ContentType.Length > 0 && ContentType.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-');
        if (!token || slash <= 0 || slash != ContentType.LastIndexOf('/') || slash == ContentType.Length - 1)
        {
            throw new ArgumentException($"{field}: '{ContentType}' is not a MIME type such as application/pdf.", field);
        }
    }
}
