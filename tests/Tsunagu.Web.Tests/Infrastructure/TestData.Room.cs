using Tsunagu.Web.Features.Spaces;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class RoomSpec
    {
        public string Name { get; set; } = Unique("会議室");
        public int Capacity { get; set; } = 20;
        public string? Facilities { get; set; }
        public string? AccessibilityNotes { get; set; }

        public RoomSpec Named(string name) { Name = name; return this; }
        public RoomSpec Seating(int capacity) { Capacity = capacity; return this; }
        public RoomSpec WithFacilities(string facilities) { Facilities = facilities; return this; }
        public RoomSpec WithAccessibilityNotes(string notes) { AccessibilityNotes = notes; return this; }
    }

    /// <summary>A room of the city's centre: `await TestData.CreateRoomAsync(f, "nagato", r => r.Named("会議室1").Seating(20))`.</summary>
    public static async Task<Room> CreateRoomAsync(TsunaguFactory factory, string city, Action<RoomSpec>? configure = null)
    {
        var spec = new RoomSpec();
        configure?.Invoke(spec);
        return await AddAsync(factory, new Room
        {
            CityId = await CityIdAsync(factory, city),
            Name = spec.Name,
            Capacity = spec.Capacity,
            Facilities = spec.Facilities,
            AccessibilityNotes = spec.AccessibilityNotes,
        });
    }
}
