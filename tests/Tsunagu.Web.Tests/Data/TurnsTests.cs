using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Data;

public class TurnsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    /// <summary>
    /// Thirty writers each read a row, wait, and write back what they read plus one. Taking the row first makes them go one
    /// after another, so none overwrites another's change.
    /// </summary>
    [Fact]
    public async Task WritersWhoTakeTheRowFirst_NeverLoseEachOthersChange()
    {
        var roomId = (await TestData.CreateRoomAsync(factory, "yamaguchi", r => r.Named(TestData.Unique("順番の部屋")))).Id;
        var before = await CapacityAsync(roomId);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => InCityAsync(async db =>
            await db.InTurnAsync(async () =>
            {
                (await db.TakeAsync<Room>(r => r.Id == roomId, default)).ShouldBeTrue();
                var room = await db.Set<Room>().SingleAsync(r => r.Id == roomId);
                await Task.Delay(5);
                room.Capacity++;
                await db.SaveChangesAsync();
                return 0;
            }, default)))));
        (await CapacityAsync(roomId)).ShouldBe(before + 30);
    }

    [Fact]
    public async Task TakingARowThatIsGone_OrOfAnotherCity_IsRefused()
    {
        var roomId = (await TestData.CreateRoomAsync(factory, "yamaguchi", r => r.Named(TestData.Unique("他市の部屋")))).Id;
        (await InCityAsync(db => db.TakeAsync<Room>(r => r.Id == -1, default), "yamaguchi")).ShouldBeFalse();
        (await InCityAsync(db => db.TakeAsync<Room>(r => r.Id == roomId, default), "nagato")).ShouldBeFalse();
        (await InCityAsync(db => db.TakeAsync<Room>(r => r.Id == roomId, default), "yamaguchi")).ShouldBeTrue();
    }

    [Fact]
    public async Task AConcurrencyConflict_RollsBackTheWholeTurn_AndAnswersWithTheFallback()
    {
        var roomId = (await TestData.CreateRoomAsync(factory, "yamaguchi", r => r.Named(TestData.Unique("衝突の部屋")))).Id;
        var answer = await InCityAsync(db => db.InTurnAsync(async () =>
        {
            var room = await db.Set<Room>().SingleAsync(r => r.Id == roomId);
            room.Name = "書き換え";
            await db.SaveChangesAsync();
            throw new DbUpdateConcurrencyException("someone else changed it first");
#pragma warning disable CS0162 // the lambda's type
            return "saved";
#pragma warning restore CS0162
        }, default, () => "changed meanwhile"));
        answer.ShouldBe("changed meanwhile");
        (await TestData.WithDbAsync(factory, db => db.Set<Room>().IgnoreQueryFilters().Where(r => r.Id == roomId).Select(r => r.Name).SingleAsync())).ShouldNotBe("書き換え");
    }

    private Task<int> CapacityAsync(int roomId) =>
        TestData.WithDbAsync(factory, db => db.Set<Room>().IgnoreQueryFilters().Where(r => r.Id == roomId).Select(r => r.Capacity).SingleAsync());

    private async Task<T> InCityAsync<T>(Func<TsunaguDb, Task<T>> work, string city = "yamaguchi")
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == city));
        return await work(db);
    }
}
