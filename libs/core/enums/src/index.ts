export { EnumsModule } from './lib/enums.module';
export { EnumerationsService } from './lib/enumerations.service';
export { EnumSyncService } from './lib/enum-sync.service';
export { EnumerationEntity } from './lib/enumeration.entity';
export { EnumerationValueEntity } from './lib/enumeration-value.entity';
export { EnumBindingEntity } from './lib/enum-binding.entity';
export { EnumerationView, EnumSyncResultView } from './lib/dto/enumeration.view';
export { EnumSyncDto, EnumBindingDto } from './lib/dto/enum-sync.dto';
