using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class BookingSpec
    {
        /// <summary>The room booked; a new room when none is given.</summary>
        public int? RoomId { get; set; }
        /// <summary>Who asked; null for a staff block.</summary>
        public string? UserId { get; set; }
        public int? GroupId { get; set; }
        public string Purpose { get; set; } = "定例会議";
        public DateTime StartsAt { get; set; } = DateTime.UtcNow.AddDays(10);
        /// <summary>Null for two hours after the start.</summary>
        public DateTime? EndsAt { get; set; }
        public BookingStatus Status { get; set; } = BookingStatus.Provisional;
        public int FeeYen { get; set; }

        public BookingSpec Of(Room room) => Of(room.Id);
        public BookingSpec Of(int roomId) { RoomId = roomId; return this; }
        public BookingSpec By(AppUser user) => By(user.Id);
        public BookingSpec By(string userId) { UserId = userId; return this; }
        public BookingSpec ForGroup(int groupId) { GroupId = groupId; return this; }
        public BookingSpec For(string purpose) { Purpose = purpose; return this; }
        public BookingSpec At(DateTime startsAt, DateTime endsAt) { StartsAt = startsAt; EndsAt = endsAt; return this; }
        public BookingSpec WithStatus(BookingStatus status) { Status = status; return this; }
        public BookingSpec Costing(int yen) { FeeYen = yen; return this; }
    }

    /// <summary>
    /// A booking of a room, provisional unless told otherwise and to be confirmed by its start:
    /// `await TestData.CreateBookingAsync(f, "nagato", b => b.Of(room).By(user).At(start, end))`.
    /// </summary>
    public static async Task<Booking> CreateBookingAsync(TsunaguFactory factory, string city, Action<BookingSpec>? configure = null)
    {
        var spec = new BookingSpec();
        configure?.Invoke(spec);
        var roomId = spec.RoomId ?? (await CreateRoomAsync(factory, city)).Id;
        return await AddAsync(factory, new Booking
        {
            CityId = await CityIdAsync(factory, city),
            RoomId = roomId,
            UserId = spec.UserId,
            GroupId = spec.GroupId,
            Purpose = spec.Purpose,
            StartsAt = spec.StartsAt,
            EndsAt = spec.EndsAt ?? spec.StartsAt.AddHours(2),
            Status = spec.Status,
            FeeYen = spec.FeeYen,
            ConfirmBy = spec.StartsAt,
            CreatedAt = DateTime.UtcNow,
        });
    }
}
