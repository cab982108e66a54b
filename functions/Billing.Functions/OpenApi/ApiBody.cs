namespace Billing.Functions.OpenApi;

/// <summary>
/// A request body: the shapes it may take (several: one of them) and the content types accepted, at most
/// <see cref="MaxBytes"/> (larger is a 413, another content type a 415).
/// </summary>
public sealed record ApiBody(IReadOnlyList<ApiShape> Shapes, int MaxBytes, IReadOnlyList<string> ContentTypes)
{
    public static ApiBody Json<T>(int maxBytes) => new([ApiShape.Of<T>()], maxBytes, [ApiAnswer.Json]);

    public static ApiBody Free(string note, int maxBytes) => new([ApiShape.Free(note)], maxBytes, [ApiAnswer.Json]);
}
