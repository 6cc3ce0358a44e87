using Tsunagu.Web.Features.Spaces;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class EquipmentItemSpec
    {
        public string Name { get; set; } = Unique("備品");
        /// <summary>How many the centre owns.</summary>
        public int Quantity { get; set; } = 1;
        /// <summary>Yen per unit per booking; 0 = free.</summary>
        public int FeePerBooking { get; set; }

        public EquipmentItemSpec Named(string name) { Name = name; return this; }
        public EquipmentItemSpec Owned(int quantity) { Quantity = quantity; return this; }
        public EquipmentItemSpec Costing(int yenPerBooking) { FeePerBooking = yenPerBooking; return this; }
    }

    /// <summary>Equipment (備品) the centre lends with bookings: `await TestData.CreateEquipmentItemAsync(f, "nagato", i => i.Named("プロジェクター").Owned(2))`.</summary>
    public static async Task<EquipmentItem> CreateEquipmentItemAsync(TsunaguFactory factory, string city, Action<EquipmentItemSpec>? configure = null)
    {
        var spec = new EquipmentItemSpec();
        configure?.Invoke(spec);
        return await AddAsync(factory, new EquipmentItem
        {
            CityId = await CityIdAsync(factory, city),
            Name = spec.Name,
            Quantity = spec.Quantity,
            FeePerBooking = spec.FeePerBooking,
        });
    }
}
