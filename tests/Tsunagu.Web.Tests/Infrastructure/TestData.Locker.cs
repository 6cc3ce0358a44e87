using Tsunagu.Web.Features.Spaces;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class LockerSpec
    {
        /// <summary>The label on the door, at most 20 characters.</summary>
        public string Label { get; set; } = Unique("L-");
        public LockerKind Kind { get; set; } = LockerKind.Locker;
        public string? Notes { get; set; }
        public int AnnualFeeYen { get; set; } = 3000;

        public LockerSpec Labelled(string label) { Label = label; return this; }
        public LockerSpec OfKind(LockerKind kind) { Kind = kind; return this; }
        public LockerSpec WithNotes(string notes) { Notes = notes; return this; }
        public LockerSpec Costing(int annualFeeYen) { AnnualFeeYen = annualFeeYen; return this; }
    }

    /// <summary>A locker or mailbox of the centre: `await TestData.CreateLockerAsync(f, "nagato", l => l.Labelled("L-01").Costing(3000))`.</summary>
    public static async Task<Locker> CreateLockerAsync(TsunaguFactory factory, string city, Action<LockerSpec>? configure = null)
    {
        var spec = new LockerSpec();
        configure?.Invoke(spec);
        return await AddAsync(factory, new Locker
        {
            CityId = await CityIdAsync(factory, city),
            Label = spec.Label,
            Kind = spec.Kind,
            Notes = spec.Notes,
            AnnualFeeYen = spec.AnnualFeeYen,
        });
    }
}
