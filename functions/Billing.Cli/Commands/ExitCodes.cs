namespace Billing.Cli.Commands;

/// <summary>Process exit codes of the <c>billing</c> command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input file is missing, malformed or inconsistent; one line on stderr says where.</summary>
    public const int BadInput = 2;
}
