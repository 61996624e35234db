import { Field, InputType, Int } from "type-graphql";
import { PAGE_SIZE } from "../../core/paging.js";

@InputType({
  description: `Cursor pagination (Relay): first/after to go forward, last/before to go back. ${PAGE_SIZE.default} rows unless asked, at most ${PAGE_SIZE.max}.`,
})
export class PageInput {
  @Field(() => Int, { nullable: true, description: `Rows from the start (or after \`after\`): 0 to ${PAGE_SIZE.max}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor from a previous page: rows after it." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Rows from the end (or before \`before\`): 0 to ${PAGE_SIZE.max}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor from a previous page: rows before it." })
  before?: string | null;
}
