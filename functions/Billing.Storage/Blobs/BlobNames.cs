namespace Billing.Storage.Blobs;

/// <summary>The checks both blob clients apply to names and metadata before any request.</summary>
internal static class BlobNames
{
    public static void ValidateName(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024)
        {
            throw new ArgumentException("A blob name has at most 1,024 characters.", nameof(blobName));
        }
    }

    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach ((string name, string value) in metadata)
        {
            bool identifier = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
                && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
            if (!identifier)
            {
                throw new ArgumentException($"Blob metadata name '{name}' must be a C# identifier.", nameof(metadata));
            }

            if (value.Any(c => c > 127 || char.IsControl(c)))
            {
                throw new ArgumentException($"Blob metadata '{name}' must be printable ASCII.", nameof(metadata));
            }
        }
    }
}
