import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum SearchField {
  DATE_UUID = "dateUuid",
  USER_ID = "userId",
  STORE_CODE = "storeCode",
}

registerEnumType(SearchField, {
  name: "SearchField",
  description: "Which field a search term matched.",
  valuesConfig: {
    DATE_UUID: { description: "The Date UUID, exactly (either case)." },
    USER_ID: { description: "The User ID, by its start, ignoring case." },
    STORE_CODE: { description: "The Store Code, by its start, ignoring case." },
  },
});

@ObjectType("SearchMatch", { description: "One value a search term matched.", simpleResolvers: true })
export class SearchMatchObject {
  @Field(() => SearchField)
  field!: SearchField;

  @Field(() => String, { description: "The value as stored; filter by it with the field of the same name." })
  value!: string;

  @Field(() => Boolean, { description: "The term is the whole value (ignoring case), not just its start." })
  exact!: boolean;
}

@ObjectType("OrderSearch", {
  description:
    "What filter.search was taken to mean. One match (or one exact match) filters the list by it; otherwise the list is empty and the suggestions say what the term could mean.",
  simpleResolvers: true,
})
export class OrderSearchObject {
  @Field(() => String)
  term!: string;

  @Field(() => SearchMatchObject, { nullable: true, description: "What the list is filtered by; null when the term matched nothing, or several values." })
  match!: SearchMatchObject | null;

  @Field(() => [SearchMatchObject], { description: "Other values the term could mean (at most 10), for a person to choose from." })
  suggestions!: SearchMatchObject[];
}
