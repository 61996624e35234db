import { Field, InputType } from "type-graphql";
import { DateTimeScalar } from "../date-time.scalar.js";

@InputType({ description: "Narrows the list; every field given must match." })
export class OrderFilter {
  @Field(() => String, { nullable: true, description: "This user ID, ignoring case." })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: "This store code, ignoring case." })
  storeCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "One box for finding an order: a Date UUID (exactly), or the start of a User ID or Store Code (ignoring case), at least 3 characters. See OrderConnection.search for what it was taken to mean.",
  })
  search?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Orders on or after this moment." })
  orderDateFrom?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Orders on or before this moment (for a whole day, give its last moment: 2024-05-31T23:59:59.999Z).",
  })
  orderDateTo?: Date | null;
}
