import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches } from 'class-validator';

/** `POST /api/accounts`: a new connection to a CRM. */
export class CreateAccountDto {
  @ApiProperty({ example: 'Salesforce production', minLength: 1, maxLength: 100, description: 'Unique name of the account' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 'salesforce', description: 'Id of an installed plugin (see GET /api/plugins)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'pluginId must be a kebab-case plugin id, e.g. salesforce' })
  pluginId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "Settings, as described by the plugin's connectionSpec. URL settings must be https://. Secret settings are write-only: they are stored encrypted and never returned.",
    example: { loginUrl: 'https://login.salesforce.com', clientId: '3MVG9…', clientSecret: '…' },
  })
  @IsObject()
  config!: Record<string, unknown>;
}
