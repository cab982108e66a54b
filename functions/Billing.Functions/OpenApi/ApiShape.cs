namespace Billing.Functions.OpenApi;

/// <summary>
/// The schema of a body: a record type (its JSON schema is exported from the type, see <see cref="ApiSchemas"/>), a
/// list of them, a file (bytes of the content type), or a free-form JSON value whose fields another document
/// specifies (the scenario format), named in <see cref="Note"/>.
/// </summary>
public sealed record ApiShape(Type? Type, bool IsList = false, bool IsFile = false, string? Note = null)
{
    public static ApiShape Of<T>() => new(typeof(T));

    public static ApiShape ListOf<T>() => new(typeof(T), IsList: true);

    public static ApiShape File { get; } = new(null, IsFile: true);

    /// <summary>A JSON value (an object, or with <paramref name="list"/> an array of objects) specified elsewhere.</summary>
    public static ApiShape Free(string note, bool list = false) => new(null, IsList: list, Note: note);
}
