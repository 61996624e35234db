import { Field, InputType } from "type-graphql";
import { DateTimeScalar } from "../date-time.scalar.js";

@InputType({ description: "Narrows the list; every field given must match." })
export class OrderFilter {
  @Field(() => String, { nullable: true, description: "Exactly this user ID." })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: "Exactly this store code." })
  storeCode?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Orders on or after this moment." })
  orderDateFrom?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Orders on or before this moment (for a whole day, give its last moment: 2024-05-31T23:59:59.999Z).",
  })
  orderDateTo?: Date | null;
}
