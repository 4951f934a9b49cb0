namespace Lab.AppHost.Check.Dashboard;

/// <summary>How a panel's series differ from the reference's, the first difference found, in this order.</summary>
public enum SeriesDifferenceKind
{
    /// <summary>The same series with the same values, within the tolerance.</summary>
    None,

    /// <summary>No series at all.</summary>
    NoData,

    /// <summary>Several series where the reference has one for the same labels: an aggregation is missing.</summary>
    MoreSeries,

    /// <summary>Fewer series: the student's aggregation drops a label the reference keeps.</summary>
    FewerSeries,

    /// <summary>As many series, but not the same ones.</summary>
    OtherSeries,

    /// <summary>The same series with other values, or points missing on one side.</summary>
    Values,
}
