import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { User } from './user.entity';

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

@ObjectType({ description: 'A signed bearer token and who it is for.' })
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field({ description: 'When the token expires (ISO timestamp).' })
  expiresAt!: string;

  @Field(() => User)
  user!: User;
}
