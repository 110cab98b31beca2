using System.Xml.Linq;

namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>The counters of a TRX test results file.</summary>
/// <param name="Total">Tests found.</param>
/// <param name="Executed">Tests run.</param>
/// <param name="Passed">Tests passed.</param>
/// <param name="Failed">Tests failed.</param>
public sealed record TrxSummary(int Total, int Executed, int Passed, int Failed)
{
    /// <summary>Reads the counters of a TRX file.</summary>
    /// <param name="path">The TRX file.</param>
    /// <returns>Its counters.</returns>
    public static TrxSummary Read(string path)
    {
        var counters = XDocument.Load(path).Descendants().Single(element => element.Name.LocalName == "Counters");
        return new TrxSummary(Count("total"), Count("executed"), Count("passed"), Count("failed"));

        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
