namespace Billing.Workflows.Scenarios;

/// <summary>
/// A scenario (or catalog, customer, event) document is malformed or inconsistent. <see cref="Path"/> is the
/// JSON path of the fault, e.g. <c>customers[1].packs[0].validTo</c>; the message reads
/// <c>customers[1].packs[0].validTo: before validFrom</c>.
/// </summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string path, string problem)
        : base(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public ScenarioFormatException()
        : this(string.Empty, "malformed scenario")
    {
    }

    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    public string Path { get; }

    public string Problem { get; }
}
